#pragma once

#include "core/appprofile.h"
#include "core/skills/skillcard.h"
#include "core/skills/skillpayload.h"
#include "core/skills/skilltokentrials.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <optional>

class BoxClient;
class QComboBox;
struct ApiResult;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class RequestLog;
class SkillPayloadView;
class SkillTokenTrialRunner;
class SkillTrialsModel;

// The event lab ("skillLabPanel"): a Skills event payload (pasted, opened from a file or handed
// over by the local receiver) laid out, and its tokens tried against the profile's API base
// URL: read the file, write cards (skill_invocations and the global/boxSkillsCards metadata)
// and the tries beyond the tokens' limits, whose refusals are the expected outcome.
class SkillLabPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SkillLabPanel(QWidget *parent = nullptr);
    ~SkillLabPanel() override;

    void setProfile(const AppProfile &profile);
    void setRequestLog(RequestLog *log) { m_log = log; }
    // The cards "Write cards" sends (the card editor's).
    void setCards(const QList<SkillCard> &cards) { m_cards = cards; }

    // Puts `json` in the payload box (exactly as given) and lays it out. While a try runs the
    // payload is kept and `json` waits: it is laid out once the tries are done.
    void loadPayload(const QByteArray &json);
    // A Read / Write request or the tries beyond the limits are in flight.
    bool isTrying() const;
    const std::optional<SkillPayload> &payload() const { return m_payload; }
    SkillTrialsModel *trialsModel() const { return m_trials; }

public Q_SLOTS:
    void openFile();
    void readFile();
    void writeCards();
    void tryBeyondLimits();

Q_SIGNALS:
    // A payload was laid out (the card editor pre-fills skill and invocation IDs from it).
    void payloadChanged(const SkillPayload &payload);

private:
    void parse();
    void updateButtons();
    void writeMetadata(BoxClient *client, const QString &fileId, int generation);
    void runNextTrial();
    // A Read / Write button's request, as the trial it is, in the tries list.
    void recordTrial(SkillTokenTrial::Id id, const ApiResult &result);
    static void showResult(QLabel *label, const QString &text);
    static QString failureText(const ApiResult &result);

    AppProfile m_profile;
    RequestLog *m_log = nullptr;
    QNetworkAccessManager *m_nam;
    std::optional<SkillPayload> m_payload;
    QList<SkillCard> m_cards;

    QPlainTextEdit *m_text;
    QPushButton *m_open;
    QLabel *m_problems;
    SkillPayloadView *m_view;
    QLabel *m_target;
    QPushButton *m_read;
    QLabel *m_readResult;
    QComboBox *m_status;
    QPushButton *m_write;
    QLabel *m_writeResult;
    QLineEdit *m_otherFile;
    QPushButton *m_beyond;
    SkillTrialsModel *m_trials;
    QTableView *m_trialsTable;
    QPointer<SkillTokenTrialRunner> m_runner;
    QList<int> m_trialQueue; // SkillTokenTrial::Id values still to run
    int m_busy = 0;          // requests of Read / Write in flight
    // Bumped on each lay-out: a try's answer for an earlier payload (or profile) is dropped.
    int m_generation = 0;
    std::optional<QByteArray> m_pendingPayload; // handed over while a try ran
};
