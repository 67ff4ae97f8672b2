#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QVBoxLayout;
struct SkillCard;

// Box Skills cards shown roughly as the Box web app shows them ("skillCardsView"): keywords as
// pills, a timeline as entries with a bar marking where each appears over the duration, a
// transcript as time-stamped lines, a status as a message with an icon. Each card is a child
// frame named "skillCard_<index>"; the view has no scroll area of its own (its parent scrolls).
class SkillCardsView : public QWidget
{
    Q_OBJECT
public:
    explicit SkillCardsView(QWidget *parent = nullptr);
    ~SkillCardsView() override;

    void setCards(const QList<SkillCard> &cards);
    // A line above the cards (e.g. "No Skills cards on this file."); empty hides it.
    void setMessage(const QString &text);
    int cardCount() const { return m_cardCount; }

    // "1:05", "1:02:03" for a time in seconds.
    static QString formatTime(double seconds);

private:
    QWidget *makeCard(const SkillCard &card, int index);

    QLabel *m_message;
    QVBoxLayout *m_cards;
    int m_cardCount = 0;
};
