#include "ui/serviceaccount/storageeditor.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/format/serviceaccountformat.h"
#include "ui/content/contenterror.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountlogging.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

using namespace Qt::Literals::StringLiterals;

StorageEditor::StorageEditor(QWidget *parent)
    : QWidget(parent), m_value(new QDoubleSpinBox(this)), m_unit(new QComboBox(this)),
      m_unlimited(new QCheckBox(tr("&Unlimited"), this)), m_apply(new QPushButton(this)),
      m_cancel(new QPushButton(this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)), m_error(new MessageBanner(this))
{
    setObjectName(u"storageEditor"_s);
    m_value->setObjectName(u"storageValue"_s);
    m_value->setAccessibleName(tr("Storage allowed"));
    m_value->setDecimals(2);
    m_value->setRange(0, 1024.0 * 1024.0); // up to a million of the unit
    m_value->setSingleStep(1);
    m_value->setMinimumWidth(110);
    m_unit->setObjectName(u"storageUnit"_s);
    m_unit->setAccessibleName(tr("Storage unit"));
    m_unit->addItem(tr("MB"), int(MB));
    m_unit->addItem(tr("GB"), int(GB));
    m_unit->addItem(tr("TB"), int(TB));
    m_unit->setCurrentIndex(int(GB));
    m_unlimited->setObjectName(u"storageUnlimited"_s);
    m_unlimited->setAccessibleName(tr("Unlimited storage"));
    m_apply->setObjectName(u"storageApply"_s);
    m_apply->setText(tr("Apply"));
    m_apply->setAccessibleName(tr("Apply storage allowance"));
    m_apply->setToolTip(tr("Send the new allowance to Box (PUT /users/{id} space_amount)"));
    m_cancel->setObjectName(u"storageCancel"_s);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel the storage change"));
    m_cancel->hide();
    m_progress->setObjectName(u"storageProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(100);
    m_progress->setAccessibleName(tr("Saving"));
    m_progress->hide();
    m_status->setObjectName(u"storageStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(u"storageError"_s);
    m_error->setClosable(true);
    m_error->hide();

    connect(m_unlimited, &QCheckBox::toggled, this, &StorageEditor::updateControls);
    connect(m_value, &QDoubleSpinBox::valueChanged, this, &StorageEditor::updateControls);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &StorageEditor::updateControls);
    connect(m_apply, &QPushButton::clicked, this, &StorageEditor::apply);
    connect(m_cancel, &QPushButton::clicked, this, &StorageEditor::cancel);
    // Enter in the value applies.
    connect(m_value, &QDoubleSpinBox::editingFinished, this, [this] {
        if (m_value->hasFocus() && m_apply->isEnabled())
            apply();
    });

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_value);
    row->addWidget(m_unit);
    row->addWidget(m_unlimited);
    row->addWidget(m_apply);
    row->addWidget(m_progress);
    row->addWidget(m_cancel);
    row->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    clear();
}

StorageEditor::~StorageEditor()
{
    if (m_reply)
        m_reply->abort();
}

qint64 StorageEditor::unitBytes(Unit unit)
{
    switch (unit) {
    case MB:
        return 1024LL * 1024;
    case GB:
        return 1024LL * 1024 * 1024;
    case TB:
        return 1024LL * 1024 * 1024 * 1024;
    }
    return 1;
}

void StorageEditor::setUser(BoxClient *client, const QString &userId, qint64 spaceAmount)
{
    cancel();
    m_client = client;
    m_userId = userId;
    m_confirmed = spaceAmount;
    m_status->clear();
    m_error->hide();
    setAmount(spaceAmount);
    updateControls();
}

void StorageEditor::clear()
{
    setUser(nullptr, {}, 0);
}

void StorageEditor::setAmount(qint64 spaceAmount)
{
    const bool unlimited = spaceAmount < 0 || ServiceAccountFormat::isUnlimitedSpace(spaceAmount);
    m_shownAmount = -1;
    m_unlimited->setChecked(unlimited);
    if (!unlimited) {
        // TB only when two decimals say it exactly (2.5 TB), else GB (or MB below 1 GB).
        const auto exact = [spaceAmount](Unit u) {
            return spaceAmount >= unitBytes(u) && (spaceAmount * 100) % unitBytes(u) == 0;
        };
        Unit unit = MB;
        if (exact(TB))
            unit = TB;
        else if (spaceAmount >= unitBytes(GB))
            unit = GB;
        m_unit->setCurrentIndex(m_unit->findData(int(unit)));
        m_value->setValue(double(spaceAmount) / double(unitBytes(unit)));
        m_shownAmount = spaceAmount;
        m_shownValue = m_value->value(); // as rounded to the box's decimals
        m_shownUnit = int(unit);
    }
    updateControls();
}

qint64 StorageEditor::requestedAmount() const
{
    if (m_unlimited->isChecked())
        return -1;
    const auto unit = static_cast<Unit>(m_unit->currentData().toInt());
    if (m_shownAmount >= 0 && int(unit) == m_shownUnit && m_value->value() == m_shownValue)
        return m_shownAmount; // untouched since setAmount(): exactly that amount
    return std::llround(m_value->value() * double(unitBytes(unit)));
}

QString StorageEditor::errorText() const
{
    return ContentError::bannerText(m_error);
}

void StorageEditor::updateControls()
{
    const bool ready = m_client && !m_userId.isEmpty();
    const bool busy = isBusy();
    m_value->setEnabled(ready && !busy && !m_unlimited->isChecked());
    m_unit->setEnabled(ready && !busy && !m_unlimited->isChecked());
    m_unlimited->setEnabled(ready && !busy);
    const qint64 wanted = requestedAmount();
    const bool same = wanted == m_confirmed ||
                      (wanted == -1 && ServiceAccountFormat::isUnlimitedSpace(m_confirmed));
    m_apply->setEnabled(ready && !busy && !same);
}

void StorageEditor::apply()
{
    if (isBusy() || !m_client || m_userId.isEmpty())
        return;
    const qint64 amount = requestedAmount();
    ApiReply *reply = m_client->put(u"/users/%1"_s.arg(m_userId),
                                    QJsonObject{{u"space_amount"_s, double(amount)}});
    m_reply = reply;
    m_error->hide();
    m_status->setText(
        amount < 0 ? tr("Asking Box for unlimited storage…")
                   : tr("Asking Box for %1…").arg(ServiceAccountFormat::humanReadableSize(amount)));
    setBusy(true);
    reply->onFinished(this, [this, amount](const ApiResult &result) {
        m_reply = nullptr;
        setBusy(false);
        if (std::exchange(m_cancelled, false))
            return;
        if (!result.ok()) {
            qCInfo(lcServiceAccount) << "PUT space_amount failed:" << result.error.summary();
            m_status->setText(tr("Box did not change the allowance."));
            ContentError::showIn(m_error,
                                 ContentError::text(result.error, guidanceContextOf(m_client)));
            updateControls();
            return;
        }
        const QJsonObject user = result.json();
        const QJsonValue answered = user.value(u"space_amount"_s);
        // toInteger(): a huge or fractional number is no answer (and never UB).
        if (answered.toInteger(-2) == -2) {
            m_status->setText(tr("Box accepted the change but did not say the new allowance; "
                                 "reload to see it."));
            updateControls();
            return;
        }
        m_confirmed = answered.toInteger();
        setAmount(m_confirmed);
        const bool unlimited = ServiceAccountFormat::isUnlimitedSpace(m_confirmed);
        QString text = unlimited ? tr("Box confirmed: Unlimited storage.")
                                 : tr("Box confirmed: %1 (%2 bytes).")
                                       .arg(ServiceAccountFormat::humanReadableSize(m_confirmed),
                                            QLocale().toString(m_confirmed));
        if (!unlimited && amount >= 0 && m_confirmed != amount)
            text += u' ' + tr("You asked for %1 bytes.").arg(QLocale().toString(amount));
        m_status->setText(text);
        Q_EMIT userUpdated(user);
    });
}

void StorageEditor::cancel()
{
    if (!m_reply)
        return;
    ApiReply *reply = m_reply;
    m_reply = nullptr;
    m_cancelled = true;
    reply->abort();
    m_cancelled = false;
    m_status->setText(tr("Cancelled. Box may still have applied the change; reload to check."));
}

void StorageEditor::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    updateControls();
}
