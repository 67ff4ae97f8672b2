#include "ui/emptystatepane.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

EmptyStatePane::EmptyStatePane(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *heading = new QLabel(title, this);
    heading->setObjectName(u"emptyStateTitle"_s);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);
    heading->setWordWrap(true);
    auto *text = new QLabel(description, this);
    text->setObjectName(u"emptyStateText"_s);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(520);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Centred between stretches (not by an alignment flag, which would give the wrapped text
    // only its narrow size hint and clip the lines that do not fit).
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(text, 4);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(heading);
    layout->addLayout(row);
    layout->addStretch(2);
}

QString EmptyStatePane::noAppSelectedTitle()
{
    return tr("No app selected");
}

QString EmptyStatePane::noAppSelectedText()
{
    return tr("Pick an app with the App picker above or in the Apps list (Ctrl+1). No apps yet? "
              "Add one with Apps > Add… (Ctrl+N), or import the config.json from the Box "
              "Developer Console: File > Import config.json… (Ctrl+I) or drop the file on the "
              "window.");
}

QString EmptyStatePane::noAppSelectedHtml()
{
    return u"<p><b>%1</b></p><p>%2</p>"_s.arg(noAppSelectedTitle().toHtmlEscaped(),
                                              noAppSelectedText().toHtmlEscaped());
}
