#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QWidget>

struct SkillPayload;
struct SkillToken;
struct SkillTokenRestriction;
class QFormLayout;
class QGroupBox;
class QLabel;

// A Skills event payload laid out ("skillPayloadView"): the Skill (its api_key against the
// profile's client ID), the source file, the event, the invocation status and each token with
// what it may do and when it expires (both readings of expires_in). Token values are masked;
// a Copy button puts one on the clipboard the careful way (SecretClipboard).
class SkillPayloadView : public QWidget
{
    Q_OBJECT
public:
    explicit SkillPayloadView(QWidget *parent = nullptr);

    void setClientId(const QString &clientId) { m_clientId = clientId; }
    // `now` is the time the expiry is measured against (tests pass a fixed one).
    void setPayload(const SkillPayload &payload,
                    const QDateTime &now = QDateTime::currentDateTimeUtc());
    void clear();

    // "read file 340708371275", "write its Skills cards", "update the Skill invocation", ...
    static QString restrictionText(const SkillTokenRestriction &restriction);
    // "•••• f1h9" style: never the whole value.
    static QString maskedToken(const QString &token);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // The laid-out payload's height at the view's width, as its minimum: word-wrapped labels
    // would otherwise be squeezed into the scroll area's viewport instead of scrolling.
    void updateMinimumHeight();
    // Two columns (file and event | tokens) when wide enough, else one.
    void arrange();
    QGroupBox *tokenBox(const QString &role, const SkillToken &token, const SkillPayload &payload,
                        const QDateTime &now);
    QLabel *value(const QString &text, const QString &objectName);

    QString m_clientId;
    QLabel *m_placeholder;
    QWidget *m_content = nullptr;
    QList<QGroupBox *> m_boxes; // skill, file, event, invocation, read token, write token
    int m_columns = 0;
};
