#pragma once

#include "core/events/eventstream.h"

#include <QPointer>
#include <QWidget>

class BoxClient;
class EnterpriseEvents;
class EventsModel;
class MessageBanner;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFileDialog;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

// The Events tab of a profile: the user event stream (read, or followed live with Box's long
// polling, with Pause/Resume and a status line) or the enterprise's events (admin_logs, with a
// time range and event types), in a table with the selected event's JSON under it. "About
// this app" keeps only events about the profile's app (its authorization, keys, tokens);
// Export… writes the rows shown to CSV or JSON; Clear empties the table.
//
// Nothing is asked of Box until the user turns Live on, or reads or loads events.
class EventsPane : public QWidget
{
    Q_OBJECT
public:
    enum class Source
    {
        User,
        Enterprise
    };
    Q_ENUM(Source)

    explicit EventsPane(QWidget *parent = nullptr);
    ~EventsPane() override;

    // The profile session's client (not owned; may be deleted any time) and an As-User ID.
    // Live mode goes on with the same profile's next client (a session that started again);
    // another profile's client turns it off and empties the tables.
    void setClient(BoxClient *client, const QString &asUserId = {});

    void setSource(Source source);
    Source source() const;
    EventsModel *model() const; // the table's (the current source's)
    EventsModel *userModel() const { return m_userModel; }
    EventsModel *enterpriseModel() const { return m_enterpriseModel; }
    EventStream *stream() const { return m_stream; }
    EnterpriseEvents *enterpriseEvents() const { return m_enterprise; }
    QString statusText() const;

public Q_SLOTS:
    void setLive(bool on);
    void togglePause();
    void loadEnterpriseEvents();
    void clear();
    // Opens the save dialog ("eventsExportDialog"); exportTo() once a file is chosen.
    QFileDialog *exportEvents();
    bool exportTo(const QString &path);

private:
    void buildUi();
    void showStreamState();
    void showEnterpriseStatus(const QString &text);
    void showEnterpriseCount(); // after a query, and as "About this app" changes
    void showSelectedEvent();
    void updateActions();
    void setStatus(const QString &text);

    QPointer<BoxClient> m_client;
    QString m_profileId;
    bool m_wantLive = false; // the user turned Live on for m_profileId's events
    EventStream *m_stream;
    EnterpriseEvents *m_enterprise;
    EventsModel *m_userModel;
    EventsModel *m_enterpriseModel;
    QString m_enterpriseStatus;

    QComboBox *m_sourceBox = nullptr;
    QCheckBox *m_aboutApp = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_clear = nullptr;
    QWidget *m_userControls = nullptr;       // Live, Pause
    QWidget *m_enterpriseControls = nullptr; // time range, types, Load
    QPushButton *m_live = nullptr;
    QPushButton *m_pause = nullptr;
    QComboBox *m_streamType = nullptr; // all / changes
    QCheckBox *m_afterCheck = nullptr;
    QDateTimeEdit *m_after = nullptr;
    QCheckBox *m_beforeCheck = nullptr;
    QDateTimeEdit *m_before = nullptr;
    QLineEdit *m_types = nullptr;
    QPushButton *m_load = nullptr;
    QLabel *m_status = nullptr;
    MessageBanner *m_banner = nullptr;
    QTableView *m_table = nullptr;
    QPlainTextEdit *m_details = nullptr;
};
