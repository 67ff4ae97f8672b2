#pragma once

#include "core/appprofile.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTabWidget;
class RequestLog;
class SecretStore;
class SkillCardEditor;
class SkillLabPanel;
class SkillReceiverPanel;
class WebhookDeliveriesModel;
class WebhookReceiver;

// The Skill page of a Custom Skill profile ("skillPane"): the event lab (a Skills event payload
// laid out, its tokens tried within and beyond their limits), the card editor with its preview
// and a local receiver for the sandbox's (or Box's) Skills events, whose signatures are checked
// with the profile's keys.
class SkillPane : public QWidget
{
    Q_OBJECT
public:
    explicit SkillPane(QWidget *parent = nullptr);
    ~SkillPane() override;

    // Where the profile's signature keys are read from (the keychain); set before setProfile().
    void setSecretStore(SecretStore *store);
    // The log the lab's requests go to (the request inspector's); null: none.
    void setRequestLog(RequestLog *log);
    void setProfile(const AppProfile &profile);
    const AppProfile &profile() const { return m_profile; }

    QTabWidget *tabs() const { return m_tabs; }
    SkillLabPanel *lab() const { return m_lab; }
    SkillCardEditor *cardEditor() const { return m_editor; }
    SkillReceiverPanel *receiverPanel() const { return m_receiverPanel; }
    WebhookReceiver *receiver() const { return m_receiver; }
    WebhookDeliveriesModel *events() const { return m_events; }

private:
    void readKeys();

    AppProfile m_profile;
    QPointer<SecretStore> m_store;
    WebhookReceiver *m_receiver;
    WebhookDeliveriesModel *m_events;
    QLabel *m_header;
    QTabWidget *m_tabs;
    SkillLabPanel *m_lab;
    SkillCardEditor *m_editor;
    SkillReceiverPanel *m_receiverPanel;
    int m_keysRead = 0; // the generation of the last key read, so stale answers are dropped
};
