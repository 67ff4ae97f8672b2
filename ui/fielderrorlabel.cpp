#include "ui/fielderrorlabel.h"

#include "ui/dialogfit.h"
#include "ui/inspector/statuscolours.h"

#include <QDialog>
#include <QEvent>
#include <QLabel>
#include <QWidget>

namespace {
// Grows the label's dialog once the label shows (at the dialog's real width, after layout):
// a dialog built with its errors already visible starts tall enough for them.
class GrowDialogOnShow : public QObject
{
public:
    using QObject::QObject;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Show) {
            if (auto *dialog = qobject_cast<QDialog *>(static_cast<QWidget *>(watched)->window()))
                QMetaObject::invokeMethod(
                    dialog, [dialog] { DialogFit::growToFit(dialog); }, Qt::QueuedConnection);
        }
        return false;
    }
};
} // namespace

QLabel *FieldErrorLabel::create(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    // A red with at least 4.5:1 contrast on this palette (light or dark).
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, StatusColours::forStatus(500, palette));
    label->setPalette(palette);
    // A long message wraps inside the form instead of widening the dialog; its height follows
    // its width (heightForWidth), so the form gives it every line.
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    label->setSizePolicy(policy);
    label->setMinimumWidth(1);
    label->hide();
    label->installEventFilter(new GrowDialogOnShow(label));
    return label;
}
