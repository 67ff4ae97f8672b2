#include "ui/emptystatepane.h"

#include <QLabel>
#include <QVBoxLayout>

EmptyStatePane::EmptyStatePane(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);
    auto *text = new QLabel(description, this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(520);
    auto *status = new QLabel(tr("Not available in this version of Box Companion yet."), this);
    status->setObjectName(QStringLiteral("emptyStateStatus"));
    status->setAlignment(Qt::AlignCenter);
    QPalette pal = status->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    status->setPalette(pal);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(heading);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addSpacing(8);
    layout->addWidget(status);
    layout->addStretch(2);
}
