#include "ui/events/eventspane.h"

#include "core/api/boxclient.h"
#include "core/events/enterpriseevents.h"
#include "core/events/eventexport.h"
#include "core/events/eventsmodel.h"
#include "ui/events/eventslogging.h"
#include "ui/messagebanner.h"
#include "ui/scrollingpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kCsvFilter = QStringLiteral("CSV (*.csv)");
const QString kJsonFilter = QStringLiteral("JSON (*.json)");
} // namespace

EventsPane::EventsPane(QWidget *parent)
    : QWidget(parent), m_stream(new EventStream(this)), m_enterprise(new EnterpriseEvents(this)),
      m_userModel(new EventsModel(this)), m_enterpriseModel(new EventsModel(this))
{
    setObjectName(u"eventsPane"_s);
    buildUi();

    connect(m_stream, &EventStream::eventsReceived, m_userModel, &EventsModel::addEvents);
    connect(m_stream, &EventStream::stateChanged, this, &EventsPane::showStreamState);
    connect(m_stream, &EventStream::caughtUp, this, &EventsPane::showStreamState);
    connect(m_enterprise, &EnterpriseEvents::eventsReceived, m_enterpriseModel,
            &EventsModel::addEvents);
    connect(m_enterprise, &EnterpriseEvents::finished, this, [this](bool ok) {
        if (!ok) {
            m_banner->report(u"enterprise"_s, MessageBanner::Kind::Error,
                             tr("Enterprise events unavailable"), {m_enterprise->errorText()});
            showEnterpriseStatus(tr("Box refused enterprise events."));
        } else {
            m_banner->resolve(u"enterprise"_s);
            showEnterpriseCount();
        }
        updateActions();
    });
    for (EventsModel *model : {m_userModel, m_enterpriseModel}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &EventsPane::updateActions);
        connect(model, &QAbstractItemModel::modelReset, this, &EventsPane::updateActions);
    }
    connect(m_userModel, &QAbstractItemModel::rowsRemoved, this, &EventsPane::showStreamState);
    showStreamState();
    updateActions();
}

EventsPane::~EventsPane() = default;

void EventsPane::buildUi()
{
    // It scrolls at small window heights instead of making the window taller.
    auto *layout = new QVBoxLayout(makeScrollingPage(this));

    auto *top = new QHBoxLayout;
    auto *sourceLabel = new QLabel(tr("&Show:"), this);
    m_sourceBox = new QComboBox(this);
    m_sourceBox->setObjectName(u"eventsSourceCombo"_s);
    m_sourceBox->addItem(tr("User events"), int(Source::User));
    m_sourceBox->addItem(tr("Enterprise events"), int(Source::Enterprise));
    m_sourceBox->setToolTip(tr("User events: what happens to the content of the user the app "
                               "acts as. Enterprise events: the enterprise's admin log (needs "
                               "an admin and the \"Manage enterprise properties\" scope)."));
    sourceLabel->setBuddy(m_sourceBox);
    m_aboutApp = new QCheckBox(tr("A&bout this app"), this);
    m_aboutApp->setObjectName(u"eventsAboutAppCheck"_s);
    m_aboutApp->setToolTip(tr("Only events about this profile's app: its authorization by an "
                              "admin, its keys and its tokens, and events naming its client "
                              "ID."));
    m_export = new QPushButton(tr("E&xport…"), this);
    m_export->setObjectName(u"eventsExportButton"_s);
    m_export->setToolTip(tr("Write the events shown to a CSV or JSON file."));
    m_clear = new QPushButton(tr("C&lear"), this);
    m_clear->setObjectName(u"eventsClearButton"_s);
    m_clear->setToolTip(tr("Empty the table (Box keeps the events)."));
    top->addWidget(sourceLabel);
    top->addWidget(m_sourceBox);
    top->addSpacing(12);
    top->addWidget(m_aboutApp);
    top->addStretch(1);
    top->addWidget(m_export);
    top->addWidget(m_clear);
    layout->addLayout(top);

    // User events: live mode with long polling.
    m_userControls = new QWidget(this);
    m_userControls->setObjectName(u"eventsUserControls"_s);
    QWidget *userPage = m_userControls;
    auto *userRow = new QHBoxLayout(userPage);
    userRow->setContentsMargins(0, 0, 0, 0);
    m_live = new QPushButton(tr("L&ive"), userPage);
    m_live->setObjectName(u"eventsLiveButton"_s);
    m_live->setCheckable(true);
    m_live->setToolTip(tr("Read new events and keep listening for more (Box's long polling)."));
    m_pause = new QPushButton(tr("Pa&use"), userPage);
    m_pause->setObjectName(u"eventsPauseButton"_s);
    userRow->addWidget(m_live);
    userRow->addWidget(m_pause);
    m_streamType = new QComboBox(userPage);
    m_streamType->setObjectName(u"eventsStreamTypeCombo"_s);
    m_streamType->addItem(tr("All events"), u"all"_s);
    m_streamType->addItem(tr("Changes only"), u"changes"_s);
    m_streamType->setToolTip(tr("All events (stream_type=all), or only those that change "
                                "content (stream_type=changes: no downloads, previews or "
                                "comments). Each keeps its own position."));
    userRow->addWidget(m_streamType);
    userRow->addStretch(1);
    layout->addWidget(userPage);
    // Enterprise events: a time range and event types.
    m_enterpriseControls = new QWidget(this);
    m_enterpriseControls->setObjectName(u"eventsEnterpriseControls"_s);
    m_enterpriseControls->hide();
    QWidget *enterprisePage = m_enterpriseControls;
    auto *grid = new QGridLayout(enterprisePage);
    grid->setContentsMargins(0, 0, 0, 0);
    const QDateTime now = QDateTime::currentDateTime();
    m_afterCheck = new QCheckBox(tr("Fro&m"), enterprisePage);
    m_afterCheck->setObjectName(u"eventsAfterCheck"_s);
    m_after = new QDateTimeEdit(now.addDays(-7), enterprisePage);
    m_after->setObjectName(u"eventsAfterEdit"_s);
    m_after->setCalendarPopup(true);
    m_after->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    m_after->setEnabled(false);
    m_beforeCheck = new QCheckBox(tr("&Until"), enterprisePage);
    m_beforeCheck->setObjectName(u"eventsBeforeCheck"_s);
    m_before = new QDateTimeEdit(now, enterprisePage);
    m_before->setObjectName(u"eventsBeforeEdit"_s);
    m_before->setCalendarPopup(true);
    m_before->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    m_before->setEnabled(false);
    for (QDateTimeEdit *edit : {m_after, m_before}) {
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(u"8888-88-88 88:88"_s) +
                              edit->fontMetrics().height() * 3);
    }
    connect(m_afterCheck, &QCheckBox::toggled, m_after, &QWidget::setEnabled);
    connect(m_beforeCheck, &QCheckBox::toggled, m_before, &QWidget::setEnabled);
    auto *typesLabel = new QLabel(tr("T&ypes:"), enterprisePage);
    m_types = new QLineEdit(enterprisePage);
    m_types->setObjectName(u"eventsTypeFilter"_s);
    m_types->setPlaceholderText(tr("All types, or e.g. LOGIN, UPLOAD, NEW_USER"));
    m_types->setClearButtonEnabled(true);
    typesLabel->setBuddy(m_types);
    m_load = new QPushButton(tr("&Get Events"), enterprisePage);
    m_load->setObjectName(u"eventsLoadButton"_s);
    m_load->setToolTip(tr("Ask Box for the enterprise events in this range (admin_logs)."));
    connect(m_types, &QLineEdit::returnPressed, this, &EventsPane::loadEnterpriseEvents);
    grid->addWidget(m_afterCheck, 0, 0);
    grid->addWidget(m_after, 0, 1);
    grid->addWidget(m_beforeCheck, 0, 2);
    grid->addWidget(m_before, 0, 3);
    grid->addWidget(typesLabel, 1, 0);
    grid->addWidget(m_types, 1, 1, 1, 3);
    grid->addWidget(m_load, 1, 4);
    grid->setColumnStretch(5, 1);
    layout->addWidget(enterprisePage);

    m_status = new QLabel(this);
    m_status->setObjectName(u"eventsStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_banner = new MessageBanner(this);
    m_banner->setObjectName(u"eventsBanner"_s);
    m_banner->hide();
    layout->addWidget(m_banner);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"eventsSplitter"_s);
    m_table = new QTableView(splitter);
    m_table->setObjectName(u"eventsTable"_s);
    m_table->setModel(m_userModel);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_details = new QPlainTextEdit(splitter);
    m_details->setObjectName(u"eventsDetails"_s);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select an event to see it as Box sent it."));
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    const auto setColumnWidths = [this] {
        const QFontMetrics fm = m_table->fontMetrics();
        m_table->setColumnWidth(EventsModel::TimeColumn,
                                fm.horizontalAdvance(u"8888-88-88 88:88:88"_s) + 16);
        // Enterprise types are longer; the app's authorization must be readable.
        m_table->setColumnWidth(
            EventsModel::TypeColumn,
            fm.horizontalAdvance(source() == Source::User
                                     ? u"COLLAB_ADD_COLLABORATOR"_s
                                     : u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s) +
                12);
        // User events seldom have details: their people and items get the room.
        const int em = fm.horizontalAdvance(u"M"_s);
        const bool user = source() == Source::User;
        m_table->setColumnWidth(EventsModel::WhoColumn, em * (user ? 14 : 12));
        m_table->setColumnWidth(EventsModel::ItemColumn, em * (user ? 22 : 12));
        // Details (the last section) takes what is left, even a little at 1024 px.
        m_table->horizontalHeader()->setMinimumSectionSize(em * 4);
    };
    setColumnWidths();

    connect(m_sourceBox, &QComboBox::currentIndexChanged, this, [this, setColumnWidths] {
        const Source source = this->source();
        m_userControls->setVisible(source == Source::User);
        m_enterpriseControls->setVisible(source == Source::Enterprise);
        m_table->setModel(source == Source::User ? m_userModel : m_enterpriseModel);
        setColumnWidths();
        connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                &EventsPane::showSelectedEvent);
        showSelectedEvent();
        if (source == Source::User)
            showStreamState();
        else
            setStatus(m_enterpriseStatus);
        updateActions();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventsPane::showSelectedEvent);
    connect(m_aboutApp, &QCheckBox::toggled, this, [this](bool on) {
        m_userModel->setAboutAppOnly(on);
        m_enterpriseModel->setAboutAppOnly(on);
        showSelectedEvent();
        if (!m_enterprise->isBusy() && m_enterprise->errorText().isEmpty() &&
            !m_enterpriseStatus.isEmpty())
            showEnterpriseCount();
    });
    connect(m_streamType, &QComboBox::currentIndexChanged, this, [this] {
        // Live goes on with the other stream; paused stays paused.
        m_stream->setStreamType(m_streamType->currentData().toString());
        m_userModel->clear();
        showStreamState();
    });
    connect(m_live, &QPushButton::toggled, this, &EventsPane::setLive);
    connect(m_pause, &QPushButton::clicked, this, &EventsPane::togglePause);
    connect(m_load, &QPushButton::clicked, this, &EventsPane::loadEnterpriseEvents);
    connect(m_clear, &QPushButton::clicked, this, &EventsPane::clear);
    connect(m_export, &QPushButton::clicked, this, &EventsPane::exportEvents);
}

void EventsPane::setClient(BoxClient *client, const QString &asUserId)
{
    const QString profileId = client ? client->profile().id : QString();
    if (client == m_client && m_stream->client() == client)
        return;
    m_client = client;
    // Another profile's events go; the same profile's (a new session, a reload) stay, and so
    // does Live: it goes on with the new client.
    if (client && profileId != m_profileId) {
        m_userModel->clear();
        m_enterpriseModel->clear();
        m_enterpriseStatus.clear();
        m_banner->hide();
        m_profileId = profileId;
        m_wantLive = false;
    }
    m_stream->setClient(client, asUserId);
    m_enterprise->setClient(client, asUserId);
    const QString clientId = client ? client->profile().clientId : QString();
    m_userModel->setClientId(clientId);
    m_enterpriseModel->setClientId(clientId);
    {
        const QSignalBlocker blocker(m_live);
        m_live->setChecked(m_wantLive);
    }
    if (client && m_wantLive) {
        qCInfo(lcEventsUi) << "live user events go on with the new session of profile"
                           << m_profileId;
        m_stream->startLive();
    }
    showStreamState();
    updateActions();
}

void EventsPane::setSource(Source source)
{
    m_sourceBox->setCurrentIndex(m_sourceBox->findData(int(source)));
}

EventsPane::Source EventsPane::source() const
{
    return Source(m_sourceBox->currentData().toInt());
}

EventsModel *EventsPane::model() const
{
    return source() == Source::User ? m_userModel : m_enterpriseModel;
}

QString EventsPane::statusText() const
{
    return m_status->text();
}

void EventsPane::setLive(bool on)
{
    if (m_live->isChecked() != on) {
        m_live->setChecked(on); // toggled() comes back here
        return;
    }
    m_wantLive = on;
    if (on && m_client) {
        qCInfo(lcEventsUi) << "live user events on for profile" << m_profileId;
        m_banner->resolve(u"stream"_s);
        m_stream->startLive();
    } else {
        m_stream->stop();
    }
    updateActions();
}

void EventsPane::togglePause()
{
    if (m_stream->isPaused())
        m_stream->resume();
    else
        m_stream->pause();
}

void EventsPane::showStreamState()
{
    QString text;
    switch (m_stream->state()) {
    case EventStream::State::Idle:
        if (!m_client)
            text = m_wantLive ? tr("Waiting for the app's session to follow events again…")
                              : tr("Sign in to read events.");
        else
            text = tr("Not listening. Turn on Live to read new events and follow them; "
                      "reading continues where it stopped last time.");
        break;
    case EventStream::State::Reading:
        text = tr("Reading events…");
        break;
    case EventStream::State::Listening:
        text = tr("Listening for new events.");
        break;
    case EventStream::State::Paused:
        text = tr("Paused. Resume reads what happened meanwhile.");
        break;
    case EventStream::State::Reconnecting:
        text = tr("Reconnecting: %1").arg(m_stream->errorText());
        break;
    case EventStream::State::Failed:
        if (!m_client && m_wantLive) {
            // The client went with its session (a reload, an edit): Live goes on with the next.
            text = tr("Waiting for the app's session to follow events again…");
            break;
        }
        text = tr("Stopped: %1").arg(m_stream->errorText());
        m_wantLive = false;
        m_banner->report(u"stream"_s, MessageBanner::Kind::Error, tr("Events stopped"),
                         {m_stream->errorText()});
        {
            const QSignalBlocker blocker(m_live);
            m_live->setChecked(false);
        }
        break;
    }
    if (const QDateTime started = m_stream->startedAt(); started.isValid()) {
        text += u' ' + tr("This stream had not been read for this profile, so it started at %1 "
                          "(as Box recommends): earlier events were skipped.")
                           .arg(QLocale().toString(started, QLocale::ShortFormat));
    }
    if (const int dropped = m_userModel->droppedCount(); dropped > 0) {
        text += u' ' + tr("The table keeps the newest %L1 events: %Ln older one(s) left it.",
                          nullptr, dropped)
                           .arg(m_userModel->maxEvents());
    }
    if (source() == Source::User)
        setStatus(text);
    updateActions();
}

void EventsPane::showEnterpriseStatus(const QString &text)
{
    m_enterpriseStatus = text;
    if (source() == Source::Enterprise)
        setStatus(text);
}

void EventsPane::showEnterpriseCount()
{
    const int n = m_enterprise->receivedCount();
    QString text = m_enterprise->truncated()
                       ? tr("%n event(s) loaded; stopped after %1 pages: narrow the time range "
                            "to see the rest.",
                            nullptr, n)
                             .arg(EnterpriseEvents::MaxPages)
                       : tr("%n event(s) loaded.", nullptr, n);
    if (m_enterpriseModel->aboutAppOnly()) {
        text += u' ' + tr("%n about this app.", nullptr, m_enterpriseModel->rowCount());
    }
    showEnterpriseStatus(text);
}

void EventsPane::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void EventsPane::loadEnterpriseEvents()
{
    if (!m_client)
        return;
    EnterpriseEvents::Query query;
    if (m_afterCheck->isChecked())
        query.createdAfter = m_after->dateTime();
    if (m_beforeCheck->isChecked())
        query.createdBefore = m_before->dateTime();
    if (query.createdAfter.isValid() && query.createdBefore.isValid() &&
        query.createdAfter > query.createdBefore) {
        showEnterpriseStatus(tr("\"From\" is after \"Until\": nothing can be in that range."));
        return;
    }
    query.eventTypes = EnterpriseEvents::parseEventTypes(m_types->text());
    m_enterpriseModel->clear();
    m_banner->resolve(u"enterprise"_s);
    if (m_enterprise->fetch(query))
        showEnterpriseStatus(tr("Loading enterprise events…"));
    updateActions();
}

void EventsPane::clear()
{
    model()->clear();
    m_details->clear();
}

QFileDialog *EventsPane::exportEvents()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(dir.isEmpty() ? QDir::homePath() : dir)
                                  .filePath(EventExport::suggestedFileName(
                                      QDateTime::currentDateTime(), EventExport::Format::Csv));
    auto *dialog =
        new QFileDialog(this, tr("Export Events"), suggested, kCsvFilter + u";;"_s + kJsonFilter);
    dialog->setObjectName(u"eventsExportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter == kJsonFilter ? u"json"_s : u"csv"_s);
    });
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &path) { exportTo(path); });
    dialog->open();
    return dialog;
}

bool EventsPane::exportTo(const QString &path)
{
    const QList<BoxEvent> events = model()->shownEvents();
    const QString error = EventExport::write(path, EventExport::formatForPath(path), events);
    if (!error.isEmpty()) {
        m_banner->report(u"export"_s, MessageBanner::Kind::Error, tr("Export failed"), {error});
        return false;
    }
    m_banner->report(u"export"_s, MessageBanner::Kind::Info,
                     tr("Exported %n event(s) to %1", nullptr, int(events.size()))
                         .arg(QDir::toNativeSeparators(path)));
    return true;
}

void EventsPane::showSelectedEvent()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const BoxEvent event = model()->event(current.row());
    m_details->setPlainText(
        QString::fromUtf8(QJsonDocument(event.json).toJson(QJsonDocument::Indented)));
}

void EventsPane::updateActions()
{
    const bool hasClient = !m_client.isNull();
    const bool live = m_stream->isLive();
    m_live->setEnabled(hasClient);
    m_pause->setEnabled(hasClient && live);
    m_pause->setText(m_stream->isPaused() ? tr("&Resume") : tr("Pa&use"));
    m_load->setEnabled(hasClient && !m_enterprise->isBusy());
    m_export->setEnabled(model()->rowCount() > 0);
    m_clear->setEnabled(model()->totalCount() > 0);
}
