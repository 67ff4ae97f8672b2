#include "ui/skills/skillcardsview.h"

#include "core/format/wholenumber.h"
#include "core/skills/skillcard.h"
#include "ui/skills/skillcardwidgets.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

QString defaultTitle(SkillCardType type)
{
    switch (type) {
    case SkillCardType::Keyword:
        return SkillCardsView::tr("Keywords");
    case SkillCardType::Timeline:
        return SkillCardsView::tr("Timeline");
    case SkillCardType::Transcript:
        return SkillCardsView::tr("Transcript");
    case SkillCardType::Status:
        return SkillCardsView::tr("Status");
    }
    return {};
}

QStyle::StandardPixmap statusIcon(const QString &code)
{
    if (code == u"success")
        return QStyle::SP_DialogApplyButton;
    if (code == u"transient_failure")
        return QStyle::SP_MessageBoxWarning;
    if (code == u"permanent_failure")
        return QStyle::SP_MessageBoxCritical;
    return QStyle::SP_MessageBoxInformation; // invoked, processing
}

QString statusText(const SkillCard &card)
{
    if (!card.statusMessage.isEmpty())
        return card.statusMessage;
    if (card.statusCode == u"invoked")
        return SkillCardsView::tr("We're preparing to process your file. Please hold on!");
    if (card.statusCode == u"processing")
        return SkillCardsView::tr("We're processing your file. Please hold on!");
    if (card.statusCode == u"success")
        return SkillCardsView::tr("Your file was processed.");
    if (card.statusCode == u"transient_failure")
        return SkillCardsView::tr("Something went wrong; the Skill will try again.");
    if (card.statusCode == u"permanent_failure")
        return SkillCardsView::tr("The Skill could not process this file.");
    return card.statusCode;
}

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

SkillCardsView::SkillCardsView(QWidget *parent)
    : QWidget(parent), m_message(new QLabel(this)), m_cards(new QVBoxLayout)
{
    setObjectName(u"skillCardsView"_s);
    m_message->setObjectName(u"skillCardsMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();
    m_cards->setContentsMargins(0, 0, 0, 0);
    m_cards->setSpacing(8);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addLayout(m_cards);
    layout->addStretch(1);
}

SkillCardsView::~SkillCardsView() = default;

QString SkillCardsView::formatTime(double seconds)
{
    // Clamped before the cast: a card may say 1e300 (casting that is undefined behaviour).
    const qint64 s = WholeNumber::clampToInt64(seconds);
    const qint64 h = s / 3600;
    const qint64 m = (s % 3600) / 60;
    const qint64 sec = s % 60;
    if (h > 0)
        return u"%1:%2:%3"_s.arg(h).arg(m, 2, 10, QChar(u'0')).arg(sec, 2, 10, QChar(u'0'));
    return u"%1:%2"_s.arg(m).arg(sec, 2, 10, QChar(u'0'));
}

void SkillCardsView::setCards(const QList<SkillCard> &cards)
{
    while (QLayoutItem *item = m_cards->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            // Gone at once for findChild (the widget itself goes on the next event-loop pass).
            w->setObjectName(QString());
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    m_cardCount = int(cards.size());
    for (int i = 0; i < cards.size(); ++i)
        m_cards->addWidget(makeCard(cards[i], i));
}

void SkillCardsView::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QWidget *SkillCardsView::makeCard(const SkillCard &card, int index)
{
    auto *frame = new QFrame(this);
    frame->setObjectName(u"skillCard_%1"_s.arg(index));
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setProperty("skillCardType", skillCardTypeKey(card.type));
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(10, 8, 10, 10);
    layout->setSpacing(6);

    auto *title = plainLabel(
        card.titleMessage.isEmpty() ? defaultTitle(card.type) : card.titleMessage, frame);
    title->setObjectName(u"skillCardTitle"_s);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);

    switch (card.type) {
    case SkillCardType::Keyword: {
        QStringList words;
        for (const SkillCardEntry &e : card.entries)
            words.append(e.text);
        layout->addWidget(new SkillKeywordPills(words, frame));
        break;
    }
    case SkillCardType::Timeline: {
        auto *grid = new QGridLayout;
        grid->setHorizontalSpacing(10);
        grid->setVerticalSpacing(4);
        for (int row = 0; row < card.entries.size(); ++row) {
            const SkillCardEntry &e = card.entries[row];
            auto *text = plainLabel(e.text, frame);
            text->setWordWrap(false);
            if (!e.imageUrl.isEmpty())
                // Rich text with the URL escaped: a URL holding markup shows as written.
                text->setToolTip(
                    u"<qt>%1</qt>"_s.arg(tr("Image: %1").arg(e.imageUrl.toHtmlEscaped())));
            auto *bar = new SkillTimelineBar(e.appears, card.duration.value_or(0), frame);
            QStringList spans;
            for (const SkillCardAppearance &a : e.appears)
                spans.append(a.end ? u"%1–%2"_s.arg(formatTime(a.start), formatTime(*a.end))
                                   : formatTime(a.start));
            bar->setToolTip(spans.join(u", "_s));
            bar->setAccessibleName(tr("%1 appears at %2").arg(e.text, spans.join(u", "_s)));
            grid->addWidget(text, row, 0);
            grid->addWidget(bar, row, 1);
        }
        grid->setColumnStretch(1, 1);
        layout->addLayout(grid);
        if (card.duration) {
            auto *duration = plainLabel(tr("Duration %1").arg(formatTime(*card.duration)), frame);
            duration->setForegroundRole(QPalette::PlaceholderText);
            layout->addWidget(duration);
        }
        break;
    }
    case SkillCardType::Transcript: {
        auto *grid = new QGridLayout;
        grid->setHorizontalSpacing(10);
        grid->setVerticalSpacing(2);
        for (int row = 0; row < card.entries.size(); ++row) {
            const SkillCardEntry &e = card.entries[row];
            const double start = e.appears.isEmpty() ? 0 : e.appears.first().start;
            auto *time = plainLabel(formatTime(start), frame);
            time->setWordWrap(false);
            time->setForegroundRole(QPalette::PlaceholderText);
            grid->addWidget(time, row, 0, Qt::AlignTop);
            grid->addWidget(plainLabel(e.text, frame), row, 1);
        }
        grid->setColumnStretch(1, 1);
        layout->addLayout(grid);
        break;
    }
    case SkillCardType::Status: {
        auto *row = new QHBoxLayout;
        auto *icon = new QLabel(frame);
        icon->setObjectName(u"skillStatusIcon"_s);
        icon->setPixmap(style()->standardIcon(statusIcon(card.statusCode)).pixmap(20, 20));
        row->addWidget(icon, 0, Qt::AlignTop);
        auto *text = plainLabel(statusText(card), frame);
        text->setObjectName(u"skillStatusMessage"_s);
        row->addWidget(text, 1);
        layout->addLayout(row);
        break;
    }
    }
    return frame;
}
