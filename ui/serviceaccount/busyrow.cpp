#include "ui/serviceaccount/busyrow.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QWidget>

BusyRow BusyRow::create(QWidget *parent, const QString &cancelObjectName,
                        const QString &cancelAccessibleName)
{
    BusyRow row;
    row.widget = new QWidget(parent);
    row.text = new QLabel(row.widget);
    row.bar = new QProgressBar(row.widget);
    row.bar->setRange(0, 0);
    row.bar->setTextVisible(false);
    row.bar->setMaximumWidth(160);
    row.bar->setAccessibleName(tr("Working"));
    row.cancel = new QPushButton(tr("Cancel"), row.widget);
    row.cancel->setObjectName(cancelObjectName);
    row.cancel->setAccessibleName(cancelAccessibleName);
    auto *layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(row.text);
    layout->addWidget(row.bar);
    layout->addWidget(row.cancel);
    layout->addStretch();
    row.widget->hide();
    return row;
}
