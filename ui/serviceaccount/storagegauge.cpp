#include "ui/serviceaccount/storagegauge.h"

#include "core/format/serviceaccountformat.h"

#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

StorageGauge::StorageGauge(QWidget *parent)
    : QWidget(parent), m_bar(new QProgressBar(this)), m_label(new QLabel(this))
{
    setObjectName(u"storageGauge"_s);
    m_bar->setObjectName(u"storageBar"_s);
    m_bar->setTextVisible(false);
    m_bar->setRange(0, 1000);
    m_bar->setMaximumHeight(10);
    m_label->setObjectName(u"storageText"_s);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    layout->addWidget(m_bar);
    layout->addWidget(m_label);
    setUsage(0, 0);
}

void StorageGauge::setUsage(qint64 spaceUsed, qint64 spaceAmount)
{
    m_used = spaceUsed;
    m_amount = spaceAmount;
    int permille = 0;
    if (spaceAmount > 0 && !ServiceAccountFormat::isUnlimitedSpace(spaceAmount))
        permille = static_cast<int>(qBound<double>(0.0, 1000.0 * spaceUsed / spaceAmount, 1000.0));
    m_bar->setValue(permille);
    m_label->setText(text());
    m_bar->setAccessibleName(tr("Storage used"));
    m_bar->setAccessibleDescription(text());
}

QString StorageGauge::text() const
{
    const QString used = ServiceAccountFormat::humanReadableSize(m_used);
    const QString amount = ServiceAccountFormat::humanReadableSize(m_amount);
    if (ServiceAccountFormat::isUnlimitedSpace(m_amount))
        return tr("%1 used of unlimited storage").arg(used);
    if (m_amount == 0)
        return tr("%1 used").arg(used);
    const double percent = 100.0 * m_used / m_amount;
    return tr("%1 of %2 used (%3%)").arg(used, amount, QString::number(percent, 'f', 1));
}
