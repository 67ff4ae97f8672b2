#include "ui/skills/skillpane.h"

#include "core/secretstore.h"
#include "core/skills/skilltokentrials.h"
#include "core/webhooks/webhookdeliveriesmodel.h"
#include "core/webhooks/webhookkeystore.h"
#include "core/webhooks/webhookreceiver.h"
#include "ui/skills/skillcardeditor.h"
#include "ui/skills/skilllabpanel.h"
#include "ui/skills/skillreceiverpanel.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

SkillPane::SkillPane(QWidget *parent)
    : QWidget(parent), m_receiver(new WebhookReceiver(this)),
      m_events(new WebhookDeliveriesModel(this)), m_header(new QLabel(this)),
      m_tabs(new QTabWidget(this))
{
    setObjectName(u"skillPane"_s);
    m_header->setObjectName(u"skillPaneHeader"_s);
    // Not word-wrapped: a wrapping label would make the page ask its scroll area for a height
    // for its width, which the tabs answer with their (tall) size hint.
    m_header->setWordWrap(false);
    m_header->setTextFormat(Qt::PlainText);
    m_tabs->setObjectName(u"skillTabs"_s);
    m_lab = new SkillLabPanel(m_tabs);
    m_editor = new SkillCardEditor(m_tabs);
    m_receiverPanel = new SkillReceiverPanel(m_receiver, m_events, m_tabs);
    m_tabs->addTab(m_lab, tr("Event lab"));
    m_tabs->addTab(m_editor, tr("Cards"));
    m_tabs->addTab(m_receiverPanel, tr("Local receiver"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);

    connect(m_receiver, &WebhookReceiver::delivered, m_events,
            &WebhookDeliveriesModel::addDelivery);
    connect(m_receiverPanel, &SkillReceiverPanel::eventSelected, m_lab,
            &SkillLabPanel::loadPayload);
    connect(m_receiverPanel, &SkillReceiverPanel::openInLabRequested, this,
            [this] { m_tabs->setCurrentWidget(m_lab); });
    connect(m_editor, &SkillCardEditor::cardsChanged, m_lab, &SkillLabPanel::setCards);
    connect(m_lab, &SkillLabPanel::payloadChanged, this, [this](const SkillPayload &payload) {
        m_editor->setIds(payload.skillId, payload.id);
        if (m_editor->cards().isEmpty())
            m_editor->setCards(SkillTokenTrialRunner::defaultCards(payload));
    });
    m_lab->setCards(m_editor->cards());
}

SkillPane::~SkillPane() = default;

void SkillPane::setSecretStore(SecretStore *store)
{
    m_store = store;
    readKeys();
}

void SkillPane::setRequestLog(RequestLog *log)
{
    m_lab->setRequestLog(log);
}

void SkillPane::setProfile(const AppProfile &profile)
{
    m_profile = profile;
    m_header->setText(tr("Invocation URL: %1 — each Skills event brings its own read and write "
                         "tokens.")
                          .arg(profile.invocationUrl.isEmpty()
                                   ? tr("(none)")
                                   : profile.invocationUrl.toDisplayString()));
    m_header->setToolTip(tr("A Custom Skill has no token of its own: each Skills event brings a "
                            "read and a write token, limited to the file that triggered it."));
    m_lab->setProfile(profile);
    // Every time, not only for another profile: editing the profile's keys calls this again
    // with the same ID, and the receiver must check with the new keys.
    readKeys();
}

void SkillPane::readKeys()
{
    const int generation = ++m_keysRead;
    if (!m_store || m_profile.id.isEmpty()) {
        m_events->setKeys({});
        return;
    }
    const QString profileId = m_profile.id;
    WebhookKeyStore::read(
        m_store, profileId, this,
        [this, generation](const WebhookKeys &keys, const QString &error) {
            if (generation != m_keysRead)
                return; // another profile (or store) since
            if (!error.isEmpty()) {
                m_receiverPanel->setKeysNote(
                    tr("The signature keys could not be read: %1").arg(error));
                return;
            }
            m_events->setKeys(keys);
            m_receiverPanel->setKeysNote(
                keys.isEmpty() ? tr("This profile has no signature keys: events cannot be "
                                    "checked (edit the profile to add them).")
                               : tr("Signatures are checked with the profile's %1.")
                                     .arg(!keys.primary.isEmpty() && !keys.secondary.isEmpty()
                                              ? tr("primary and secondary keys")
                                              : (keys.primary.isEmpty() ? tr("secondary key")
                                                                        : tr("primary key"))));
        });
}
