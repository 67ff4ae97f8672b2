#include "ui/skills/skilllabpanel.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/skills/skillrequests.h"
#include "core/skills/skillslogging.h"
#include "core/skills/skilltokenclient.h"
#include "core/skills/skilltokentrials.h"
#include "ui/skills/skillpayloadview.h"
#include "ui/skills/skilltrialsmodel.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 MaxPayloadFileBytes = 1024 * 1024;

QLabel *resultLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

SkillLabPanel::SkillLabPanel(QWidget *parent)
    : QWidget(parent), m_nam(new QNetworkAccessManager(this)), m_text(new QPlainTextEdit(this)),
      m_open(new QPushButton(tr("&Open…"), this)), m_problems(new QLabel(this)),
      m_view(new SkillPayloadView(this)), m_target(new QLabel(this)),
      m_read(new QPushButton(tr("&Read the File"), this)),
      m_readResult(resultLabel(u"readResult"_s, this)), m_status(new QComboBox(this)),
      m_write(new QPushButton(tr("&Write Cards"), this)),
      m_writeResult(resultLabel(u"writeResult"_s, this)), m_otherFile(new QLineEdit(this)),
      m_beyond(new QPushButton(tr("Try &Beyond the Limits"), this)),
      m_trials(new SkillTrialsModel(this)), m_trialsTable(new QTableView(this))
{
    setObjectName(u"skillLabPanel"_s);
    m_text->setObjectName(u"skillPayloadEdit"_s);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("Paste a Skills event payload (JSON) here."));
    m_text->setAccessibleName(tr("Skills event payload"));
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_open->setObjectName(u"openPayloadButton"_s);
    m_problems->setObjectName(u"skillPayloadProblems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *payloadLabel = new QLabel(tr("&Payload:"), left);
    payloadLabel->setBuddy(m_text);
    auto *leftTop = new QHBoxLayout;
    leftTop->addWidget(payloadLabel);
    leftTop->addStretch();
    leftTop->addWidget(m_open);
    leftLayout->addLayout(leftTop);
    leftLayout->addWidget(m_text, 1);
    leftLayout->addWidget(m_problems);

    auto *viewScroll = new QScrollArea(this);
    viewScroll->setObjectName(u"skillPayloadScroll"_s);
    viewScroll->setWidgetResizable(true);
    viewScroll->setFrameShape(QFrame::NoFrame);
    viewScroll->setWidget(m_view);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(left);
    top->addWidget(viewScroll);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 5);
    top->setChildrenCollapsible(false);

    // The tries.
    auto *tries = new QGroupBox(tr("Try the tokens"), this);
    tries->setObjectName(u"skillTriesBox"_s);
    m_target->setObjectName(u"skillTryTarget"_s);
    m_target->setWordWrap(true);
    m_target->setTextFormat(Qt::PlainText);
    m_read->setObjectName(u"readFileButton"_s);
    m_read->setToolTip(tr("GET /files/{id}/content with the read token"));
    m_status->setObjectName(u"invocationStatusCombo"_s);
    m_status->addItems(SkillCard::statusCodes());
    m_status->setCurrentText(u"success"_s);
    m_status->setAccessibleName(tr("Invocation status to send"));
    m_write->setObjectName(u"writeCardsButton"_s);
    m_write->setToolTip(tr("With the write token: PUT /skill_invocations/{skill_id} with the card "
                           "editor's cards and the chosen status, then the same cards as the "
                           "file's global/boxSkillsCards metadata"));
    m_otherFile->setObjectName(u"otherFileIdEdit"_s);
    m_otherFile->setPlaceholderText(tr("another file's ID"));
    m_otherFile->setAccessibleName(tr("Another file's ID for the tries beyond the limits"));
    m_beyond->setObjectName(u"beyondLimitsButton"_s);
    m_beyond->setToolTip(tr("Uses each token for what it may not do; Box should refuse each try."));
    auto *statusLabel = new QLabel(tr("St&atus:"), tries);
    statusLabel->setBuddy(m_status);
    auto *otherLabel = new QLabel(tr("Ot&her file:"), tries);
    otherLabel->setBuddy(m_otherFile);

    m_trialsTable->setObjectName(u"skillTrialsTable"_s);
    m_trialsTable->setModel(m_trials);
    m_trialsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_trialsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_trialsTable->verticalHeader()->hide();
    m_trialsTable->setWordWrap(false);
    m_trialsTable->setAccessibleName(tr("Token tries"));
    QHeaderView *header = m_trialsTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(SkillTrialsModel::DetailColumn, QHeaderView::Stretch);
    header->resizeSection(SkillTrialsModel::TryColumn, 300);
    header->resizeSection(SkillTrialsModel::TokenColumn, 50);
    header->resizeSection(SkillTrialsModel::ExpectedColumn, 140);
    header->resizeSection(SkillTrialsModel::OutcomeColumn, 300);
    m_trialsTable->verticalHeader()->setDefaultSectionSize(m_trialsTable->fontMetrics().height() +
                                                           8);

    // One row of buttons; each result shows on its own line once there is one.
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_read);
    buttons->addSpacing(12);
    buttons->addWidget(m_write);
    buttons->addWidget(statusLabel);
    buttons->addWidget(m_status);
    buttons->addSpacing(12);
    buttons->addWidget(m_beyond);
    buttons->addWidget(otherLabel);
    buttons->addWidget(m_otherFile, 1);
    m_readResult->hide();
    m_writeResult->hide();
    auto *triesLayout = new QVBoxLayout(tries);
    triesLayout->addWidget(m_target);
    triesLayout->addLayout(buttons);
    triesLayout->addWidget(m_readResult);
    triesLayout->addWidget(m_writeResult);
    triesLayout->addWidget(m_trialsTable, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(tries);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 3);
    split->setSizes({560, 300});
    m_trialsTable->setMinimumHeight(120);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_text, &QPlainTextEdit::textChanged, this, &SkillLabPanel::parse);
    connect(m_open, &QPushButton::clicked, this, &SkillLabPanel::openFile);
    connect(m_read, &QPushButton::clicked, this, &SkillLabPanel::readFile);
    connect(m_write, &QPushButton::clicked, this, &SkillLabPanel::writeCards);
    connect(m_beyond, &QPushButton::clicked, this, &SkillLabPanel::tryBeyondLimits);
    updateButtons();
}

SkillLabPanel::~SkillLabPanel() = default;

void SkillLabPanel::setProfile(const AppProfile &profile)
{
    m_profile = profile;
    m_view->setClientId(profile.clientId);
    parse();
}

void SkillLabPanel::loadPayload(const QByteArray &json)
{
    if (m_text->toPlainText().toUtf8() == json) {
        // The same event again (the receiver re-selects it): its results stay.
        m_pendingPayload.reset();
        return;
    }
    if (isTrying()) {
        // Replacing the payload now would put the tries' answers under another payload.
        m_pendingPayload = json;
        return;
    }
    m_pendingPayload.reset();
    m_text->setPlainText(QString::fromUtf8(json));
}

bool SkillLabPanel::isTrying() const
{
    return m_busy > 0 || (m_runner && m_runner->isRunning()) || !m_trialQueue.isEmpty();
}

void SkillLabPanel::openFile()
{
    if (isTrying())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a Skills Event Payload"), {},
                                                      tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_problems->setText(tr("Could not open %1: %2").arg(path, file.errorString()));
        m_problems->show();
        return;
    }
    if (file.size() > MaxPayloadFileBytes) {
        m_problems->setText(tr("%1 is larger than 1 MiB: not a Skills event payload.").arg(path));
        m_problems->show();
        return;
    }
    loadPayload(file.readAll());
}

void SkillLabPanel::parse()
{
    ++m_generation;
    m_trialQueue.clear(); // the tries beyond the limits were for the earlier payload
    const QByteArray json = m_text->toPlainText().toUtf8();
    if (json.trimmed().isEmpty()) {
        m_payload.reset();
        m_problems->hide();
        m_view->clear();
        m_trials->clearOutcomes();
        showResult(m_readResult, {});
        showResult(m_writeResult, {});
        updateButtons();
        return;
    }
    QStringList problems;
    m_payload = SkillPayload::parse(json, &problems);
    m_problems->setText(problems.isEmpty() ? QString()
                                           : (m_payload ? tr("Laid out, with problems:\n%1")
                                                        : tr("Cannot lay this out:\n%1"))
                                                 .arg(problems.join(u'\n')));
    m_problems->setStyleSheet(m_payload ? QString() : u"color: #c62828;"_s);
    m_problems->setVisible(!problems.isEmpty());
    if (m_payload) {
        m_view->setPayload(*m_payload);
        m_trials->clearOutcomes();
        m_readResult->clear();
        m_readResult->hide();
        m_writeResult->clear();
        m_writeResult->hide();
        Q_EMIT payloadChanged(*m_payload);
    } else {
        m_view->clear();
    }
    updateButtons();
}

void SkillLabPanel::updateButtons()
{
    const bool ready = m_payload.has_value() && m_profile.apiBaseUrl.isValid();
    const bool running = isTrying();
    m_text->setReadOnly(running);
    m_open->setEnabled(!running);
    m_read->setEnabled(ready && !running);
    m_write->setEnabled(ready && !running);
    m_beyond->setEnabled(ready && !running);
    if (!m_payload)
        m_target->setText(tr("Lay out a payload first; its tokens are tried against this "
                             "profile's API (%1).")
                              .arg(m_profile.apiBaseUrl.toDisplayString()));
    else
        m_target->setText(tr("Requests go to %1 with the payload's tokens (file %2).")
                              .arg(m_profile.apiBaseUrl.toDisplayString(), m_payload->sourceId));
    if (!running && m_pendingPayload) {
        // Not from here: this runs inside parse() and the answers' callbacks.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_pendingPayload || isTrying())
                    return;
                const QByteArray json = *std::exchange(m_pendingPayload, std::nullopt);
                loadPayload(json);
            },
            Qt::QueuedConnection);
    }
}

QString SkillLabPanel::failureText(const ApiResult &result)
{
    const BoxError &e = result.error;
    if (e.httpStatus > 0) {
        QString text = QString::number(e.httpStatus);
        if (!e.code.isEmpty())
            text += u' ' + e.code;
        if (!e.message.isEmpty())
            text += u": "_s + e.message;
        return text;
    }
    return e.summary();
}

void SkillLabPanel::showResult(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void SkillLabPanel::readFile()
{
    if (!m_payload)
        return;
    BoxClient *client =
        SkillTokenClient::create(m_profile, *m_payload, SkillTokenRole::Read, m_nam, m_log, this);
    auto read = std::make_shared<SkillRequests::ContentRead>();
    ApiReply *reply = SkillRequests::readContent(client, m_payload->sourceId, read);
    const int generation = m_generation;
    ++m_busy;
    m_readResult->setStyleSheet({});
    showResult(m_readResult, tr("Reading…"));
    updateButtons();
    m_trials->setRunning(SkillTokenTrial::Id::ReadTokenReadsContent);
    reply->onFinished(this, [this, client, read, generation](const ApiResult &result) {
        --m_busy;
        client->deleteLater();
        if (generation != m_generation) {
            updateButtons(); // an answer for an earlier payload
            return;
        }
        recordTrial(SkillTokenTrial::Id::ReadTokenReadsContent, result);
        if (result.ok()) {
            m_readResult->setStyleSheet(u"color: #2e7d32;"_s);
            showResult(m_readResult, tr("Read %1 bytes, SHA-1 %2.")
                                         .arg(QLocale().toString(read->size),
                                              QString::fromLatin1(read->sha1Hex())));
        } else {
            m_readResult->setStyleSheet(u"color: #c62828;"_s);
            showResult(m_readResult, tr("Could not read the file: %1").arg(failureText(result)));
        }
        qCInfo(lcSkills) << "lab read try finished with status" << result.status;
        updateButtons();
    });
}

void SkillLabPanel::writeCards()
{
    if (!m_payload)
        return;
    BoxClient *client =
        SkillTokenClient::create(m_profile, *m_payload, SkillTokenRole::Write, m_nam, m_log, this);
    ApiReply *reply =
        SkillRequests::putInvocation(client, m_payload->skillId, m_status->currentText(),
                                     m_payload->sourceId, m_payload->fileVersionId, m_cards);
    const int generation = m_generation;
    const QString fileId = m_payload->sourceId;
    ++m_busy;
    m_writeResult->setStyleSheet({});
    showResult(m_writeResult, tr("Writing the cards…"));
    m_trials->setRunning(SkillTokenTrial::Id::WriteTokenPutsInvocation);
    updateButtons();
    reply->onFinished(this, [this, client, generation, fileId](const ApiResult &result) {
        if (generation != m_generation) {
            --m_busy; // an answer for an earlier payload: no metadata write with its token
            client->deleteLater();
            updateButtons();
            return;
        }
        recordTrial(SkillTokenTrial::Id::WriteTokenPutsInvocation, result);
        if (!result.ok()) {
            --m_busy;
            m_writeResult->setStyleSheet(u"color: #c62828;"_s);
            showResult(m_writeResult, tr("skill_invocations: %1").arg(failureText(result)));
            client->deleteLater();
            updateButtons();
            return;
        }
        showResult(m_writeResult, tr("skill_invocations: %1 (status %2); writing the metadata…")
                                      .arg(result.status)
                                      .arg(m_status->currentText()));
        writeMetadata(client, fileId, generation);
    });
}

void SkillLabPanel::writeMetadata(BoxClient *client, const QString &fileId, int generation)
{
    m_trials->setRunning(SkillTokenTrial::Id::WriteTokenWritesMetadata);
    // POST, and when the file has cards already replace them (as the Skills kit does).
    SkillRequests::writeCards(
        client, fileId, m_cards, this, {},
        [this, client, generation](const ApiResult &result, const QString &detail) {
            --m_busy;
            client->deleteLater();
            if (generation != m_generation) {
                updateButtons(); // an answer for an earlier payload
                return;
            }
            recordTrial(SkillTokenTrial::Id::WriteTokenWritesMetadata, result);
            const QString invocation = m_writeResult->text().section(u';', 0, 0);
            if (result.ok()) {
                m_writeResult->setStyleSheet(u"color: #2e7d32;"_s);
                showResult(m_writeResult, tr("%1; boxSkillsCards metadata: %2. %3")
                                              .arg(invocation)
                                              .arg(result.status)
                                              .arg(detail));
            } else {
                m_writeResult->setStyleSheet(u"color: #c62828;"_s);
                showResult(
                    m_writeResult,
                    tr("%1; boxSkillsCards metadata: %2").arg(invocation, failureText(result)));
            }
            updateButtons();
        });
}

void SkillLabPanel::recordTrial(SkillTokenTrial::Id id, const ApiResult &result)
{
    m_trials->setOutcome(id, SkillTokenTrials::classify(SkillTokenTrial::of(id), result));
}

void SkillLabPanel::tryBeyondLimits()
{
    if (!m_payload)
        return;
    if (m_runner)
        m_runner->deleteLater();
    m_runner = new SkillTokenTrialRunner(m_profile, *m_payload, m_nam, m_log, this);
    if (!m_cards.isEmpty())
        m_runner->setCards(m_cards);
    m_runner->setInvocationStatus(m_status->currentText());
    m_runner->setOtherFileId(m_otherFile->text().trimmed());
    const int generation = m_generation;
    connect(m_runner, &SkillTokenTrialRunner::trialStarted, this,
            [this, generation](SkillTokenTrial::Id id) {
                if (generation == m_generation)
                    m_trials->setRunning(id);
            });
    connect(m_runner, &SkillTokenTrialRunner::trialFinished, this,
            [this, generation](SkillTokenTrial::Id id, const SkillTrialOutcome &outcome) {
                if (generation == m_generation)
                    m_trials->setOutcome(id, outcome);
                // The runner clears its running flag after this signal: go on from the loop.
                QMetaObject::invokeMethod(this, &SkillLabPanel::runNextTrial, Qt::QueuedConnection);
            });
    m_trialQueue.clear();
    for (const SkillTokenTrial &t : SkillTokenTrial::all()) {
        if (!t.withinLimits())
            m_trialQueue.append(int(t.id));
    }
    runNextTrial();
}

void SkillLabPanel::runNextTrial()
{
    if (!m_runner || m_trialQueue.isEmpty()) {
        updateButtons();
        return;
    }
    if (m_runner->isRunning()) {
        QMetaObject::invokeMethod(this, &SkillLabPanel::runNextTrial, Qt::QueuedConnection);
        return;
    }
    const auto id = SkillTokenTrial::Id(m_trialQueue.takeFirst());
    updateButtons();
    m_runner->run(id);
}
