#include "ui/dialogfit.h"

#include <QLayout>
#include <QScreen>
#include <QWidget>

#include <algorithm>

void DialogFit::growToFit(QWidget *dialog)
{
    QLayout *layout = dialog->layout();
    if (!layout)
        return;
    layout->activate();
    int needed = layout->hasHeightForWidth() ? layout->totalHeightForWidth(dialog->width())
                                             : layout->totalSizeHint().height();
    if (const QScreen *screen = dialog->screen()) {
        const int frame = dialog->frameGeometry().height() - dialog->height();
        needed = std::min(needed, screen->availableGeometry().height() - frame);
    }
    if (needed > dialog->height())
        dialog->resize(dialog->width(), needed);
}
