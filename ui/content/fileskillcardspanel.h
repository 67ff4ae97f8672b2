#pragma once

#include <QPointer>
#include <QString>
#include <QWidget>

class ApiReply;
class BoxClient;
class QLabel;
class QPushButton;
class QScrollArea;
class QTimer;
class SkillCardsView;
struct ApiResult;

// The Box Skills cards of the file selected in the Folders tab ("fileSkillCardsPanel"): reads
// GET /files/{id}/metadata/global/boxSkillsCards as the browsing user (As-User when acting as
// one) once per selected file, and shows the cards (SkillCardsView), "No Skills cards on this
// file." when Box has none, or why they could not be read. Refresh reads them again. An answer
// for a file that is no longer selected is dropped.
class FileSkillCardsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FileSkillCardsPanel(QWidget *parent = nullptr);
    ~FileSkillCardsPanel() override;

    // The client (not owned; may be deleted any time) and an optional As-User ID.
    void setClient(BoxClient *client, const QString &asUserId = {});
    // The selected file; an empty ID clears the panel. The same file again reads nothing.
    void setFile(const QString &fileId, const QString &fileName);
    QString fileId() const { return m_fileId; }
    // True while the cards of the current file are being read.
    bool isReading() const;

public Q_SLOTS:
    // Reads the current file's cards again.
    void refresh();

private:
    void read();
    void onRead(const ApiResult &result);
    void showStatus(const QString &text);
    void cancel();

    QPointer<BoxClient> m_client;
    QString m_asUser;
    QString m_fileId;
    QString m_fileName;
    QPointer<ApiReply> m_reply;
    quint64 m_generation = 0; // bumped per request: older answers are ignored

    QTimer *m_delay; // selections in quick succession (arrow keys) read only the last file
    QLabel *m_file;
    QLabel *m_status;
    QPushButton *m_refresh;
    QScrollArea *m_scroll;
    SkillCardsView *m_cards;
};
