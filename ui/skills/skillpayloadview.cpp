#include "ui/skills/skillpayloadview.h"

#include "core/skills/skillpayload.h"
#include "ui/secretclipboard.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QResizeEvent>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
QString orDash(const QString &text)
{
    return text.isEmpty() ? SkillPayloadView::tr("—") : text;
}

QString utcText(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
}
} // namespace

SkillPayloadView::SkillPayloadView(QWidget *parent)
    : QWidget(parent), m_placeholder(new QLabel(this))
{
    setObjectName(u"skillPayloadView"_s);
    m_placeholder->setObjectName(u"skillPayloadPlaceholder"_s);
    m_placeholder->setWordWrap(true);
    m_placeholder->setText(tr("Paste a Skills event payload, open one from a file, or start the "
                              "local receiver and upload a file into a folder where the Skill "
                              "is enabled."));
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
}

void SkillPayloadView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange();
    updateMinimumHeight();
}

void SkillPayloadView::updateMinimumHeight()
{
    QLayout *content = m_content ? m_content->layout() : nullptr;
    const int height = content && content->hasHeightForWidth()
                           ? content->totalHeightForWidth(width())
                           : (content ? content->totalMinimumSize().height() : 0);
    if (minimumHeight() != height)
        setMinimumHeight(height);
}

void SkillPayloadView::arrange()
{
    auto *grid = m_content ? qobject_cast<QGridLayout *>(m_content->layout()) : nullptr;
    if (!grid || m_boxes.size() != 6)
        return;
    const int columns = width() >= 640 ? 2 : 1;
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QGroupBox *box : std::as_const(m_boxes))
        grid->removeWidget(box);
    if (columns == 2) {
        for (int i = 0; i < 4; ++i)
            grid->addWidget(m_boxes[i], i, 0);
        grid->addWidget(m_boxes[4], 0, 1, 2, 1);
        grid->addWidget(m_boxes[5], 2, 1, 2, 1);
        grid->setColumnStretch(1, 1);
    } else {
        // The tokens first: they are what the lab is about.
        const int order[] = {4, 5, 0, 1, 2, 3};
        for (int i = 0; i < 6; ++i)
            grid->addWidget(m_boxes[order[i]], i, 0);
        grid->setColumnStretch(1, 0);
    }
    grid->setColumnStretch(0, 1);
}

void SkillPayloadView::clear()
{
    if (m_content) {
        delete m_content; // at once: no stale twin of a field for findChild or a screen reader
        m_content = nullptr;
    }
    m_placeholder->show();
    m_boxes.clear();
    setMinimumHeight(0);
}

QLabel *SkillPayloadView::value(const QString &text, const QString &objectName)
{
    auto *label = new QLabel(text, m_content);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString SkillPayloadView::restrictionText(const SkillTokenRestriction &r)
{
    const QString object =
        r.objectId.isEmpty()
            ? QString()
            : u"%1 %2"_s.arg(r.objectType.isEmpty() ? u"item"_s : r.objectType, r.objectId);
    if (r.scope == u"item_read")
        return object.isEmpty() ? tr("read the file") : tr("read %1").arg(object);
    if (r.scope == u"item_upload")
        return object.isEmpty() ? tr("write its Skills cards")
                                : tr("write its Skills cards (upload to %1)").arg(object);
    if (r.scope == u"manage_skill_invocations")
        return tr("update the Skill invocation");
    if (r.scope == u"gcm")
        return tr("gcm (a scope Box adds for its own use)");
    return object.isEmpty() ? r.scope : tr("%1 on %2").arg(r.scope, object);
}

QString SkillPayloadView::maskedToken(const QString &token)
{
    if (token.isEmpty())
        return tr("(none)");
    // Show a short tail only when the token is long enough that it gives nothing away.
    if (token.size() >= 24)
        return u"••••••••"_s + token.right(4);
    return u"••••••••"_s;
}

QGroupBox *SkillPayloadView::tokenBox(const QString &role, const SkillToken &token,
                                      const SkillPayload &payload, const QDateTime &now)
{
    auto *box = new QGroupBox(role == u"read" ? tr("Read token") : tr("Write token"), m_content);
    box->setObjectName(u"%1TokenBox"_s.arg(role));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(value(maskedToken(token.accessToken), u"%1TokenMasked"_s.arg(role)), 1);
    auto *copy = new QPushButton(tr("Copy"), box);
    copy->setObjectName(u"%1TokenCopyButton"_s.arg(role));
    copy->setEnabled(!token.accessToken.isEmpty());
    copy->setToolTip(tr("Copies the token; the clipboard is cleared after 30 seconds."));
    const QString secret = token.accessToken;
    connect(copy, &QPushButton::clicked, box, [secret] { SecretClipboard::copy(secret); });
    tokenRow->addWidget(copy);
    form->addRow(tr("Token:"), tokenRow);

    QStringList may;
    for (const SkillTokenRestriction &r : token.restrictedTo)
        may.append(u"• "_s + restrictionText(r));
    form->addRow(tr("May:"), value(may.isEmpty() ? tr("(restricted_to is empty)") : may.join(u'\n'),
                                   u"%1TokenMay"_s.arg(role)));

    QString expiry;
    if (token.expiryReading() == SkillToken::ExpiryReading::Unknown) {
        expiry = tr("expires_in is missing: the lifetime is unknown.");
    } else if (token.expiryReading() == SkillToken::ExpiryReading::Invalid) {
        expiry = payload.expiryExplanation(token, now);
    } else {
        const QDateTime issued = payload.issuedAt();
        const QDateTime asSeconds = issued.addSecs(token.expiresIn);
        const QDateTime asUnix = QDateTime::fromSecsSinceEpoch(token.expiresIn, Qt::UTC);
        const bool unix = token.expiryReading() == SkillToken::ExpiryReading::UnixTime;
        QStringList lines;
        lines << tr("expires_in %1 (as the payload holds it)").arg(token.expiresIn);
        // C's line says when, and how long ago or from now ("expired ... ago", "in 59 minutes").
        lines << payload.expiryExplanation(token, now);
        // The other reading, so the disagreement between Box's docs and its spec is visible.
        if (unix)
            lines << tr("Read as seconds after created_at (Box's API reference) it would be a "
                        "lifetime of %1 years.")
                         .arg(QLocale().toString(double(token.expiresIn) / (365.25 * 86400), 'f',
                                                 1));
        else
            lines << tr("Read as a Unix time (Box's docs example) it would be %1.")
                         .arg(utcText(asUnix));
        expiry = lines.join(u'\n');
    }
    form->addRow(tr("Expiry:"), value(expiry, u"%1TokenExpiry"_s.arg(role)));
    if (!token.tokenType.isEmpty())
        form->addRow(tr("Type:"), value(token.tokenType, u"%1TokenType"_s.arg(role)));
    return box;
}

void SkillPayloadView::setPayload(const SkillPayload &p, const QDateTime &now)
{
    if (m_content)
        delete m_content; // at once: no stale twin of a field for findChild or a screen reader
    m_placeholder->hide();
    m_content = new QWidget(this);
    m_content->setObjectName(u"skillPayloadContent"_s);
    layout()->addWidget(m_content);
    auto *grid = new QGridLayout(m_content);
    grid->setContentsMargins(0, 0, 0, 0);

    auto *skill = new QGroupBox(tr("Skill"), m_content);
    auto *skillForm = new QFormLayout(skill);
    skillForm->addRow(tr("Name:"), value(orDash(p.skillName), u"skillName"_s));
    skillForm->addRow(tr("ID:"), value(orDash(p.skillId), u"skillId"_s));
    QString key;
    if (p.skillApiKey.isEmpty())
        key = tr("— (no api_key)");
    else if (m_clientId.isEmpty())
        key = tr("%1 (no client ID in the profile to compare with)").arg(p.skillApiKey);
    else if (p.skillApiKey == m_clientId)
        key = tr("%1 — matches the profile's client ID").arg(p.skillApiKey);
    else
        key = tr("%1 — differs from the profile's client ID %2: this event is for another Skill "
                 "app")
                  .arg(p.skillApiKey, m_clientId);
    skillForm->addRow(tr("api_key:"), value(key, u"skillApiKey"_s));
    if (!p.enterpriseId.isEmpty())
        skillForm->addRow(tr("Enterprise:"),
                          value(p.enterpriseName.isEmpty()
                                    ? p.enterpriseId
                                    : u"%1 (%2)"_s.arg(p.enterpriseName, p.enterpriseId),
                                u"skillEnterprise"_s));

    auto *file = new QGroupBox(tr("Source file"), m_content);
    auto *fileForm = new QFormLayout(file);
    fileForm->addRow(tr("Name:"), value(orDash(p.sourceName), u"sourceName"_s));
    fileForm->addRow(tr("ID:"), value(orDash(p.sourceId), u"sourceId"_s));
    fileForm->addRow(tr("Size:"),
                     value(p.sourceSize < 0 ? tr("—")
                                            : tr("%1 (%2 bytes)")
                                                  .arg(QLocale().formattedDataSize(p.sourceSize),
                                                       QString::number(p.sourceSize)),
                           u"sourceSize"_s));
    fileForm->addRow(tr("Version:"), value(orDash(p.fileVersionId), u"sourceVersion"_s));
    fileForm->addRow(tr("Parent folder:"), value(orDash(p.parentId), u"sourceParent"_s));

    auto *event = new QGroupBox(tr("Event"), m_content);
    auto *eventForm = new QFormLayout(event);
    eventForm->addRow(tr("Type:"), value(orDash(p.eventType), u"eventType"_s));
    eventForm->addRow(tr("ID:"), value(orDash(p.eventId), u"eventId"_s));
    QString by = p.eventCreatedByName;
    if (!p.eventCreatedByLogin.isEmpty())
        by = by.isEmpty() ? p.eventCreatedByLogin : u"%1 <%2>"_s.arg(by, p.eventCreatedByLogin);
    eventForm->addRow(tr("Created by:"), value(orDash(by), u"eventCreatedBy"_s));
    eventForm->addRow(
        tr("Time:"),
        value(orDash(p.eventCreatedAtText.isEmpty() ? p.createdAtText : p.eventCreatedAtText),
              u"eventTime"_s));

    auto *invocation = new QGroupBox(tr("Invocation"), m_content);
    auto *invForm = new QFormLayout(invocation);
    invForm->addRow(tr("ID:"), value(orDash(p.id), u"invocationId"_s));
    invForm->addRow(tr("Trigger:"), value(orDash(p.trigger), u"invocationTrigger"_s));
    QString status = orDash(p.statusState);
    if (!p.statusMessage.isEmpty())
        status += u" — "_s + p.statusMessage;
    if (!p.statusErrorCode.isEmpty())
        status += tr(" (error %1)").arg(p.statusErrorCode);
    invForm->addRow(tr("Status:"), value(status, u"invocationStatus"_s));
    invForm->addRow(tr("Created:"), value(orDash(p.createdAtText), u"invocationCreated"_s));

    m_boxes = {skill,
               file,
               event,
               invocation,
               tokenBox(u"read"_s, p.readToken, p, now),
               tokenBox(u"write"_s, p.writeToken, p, now)};
    m_columns = 0;
    arrange();
    updateMinimumHeight();
}
