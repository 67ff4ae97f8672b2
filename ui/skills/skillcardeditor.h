#pragma once

#include "core/skills/skillcard.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class SkillCardsView;

// The card editor ("skillCardEditor"): a list of cards (add, remove), a form for the selected
// card (type, title, skill and invocation IDs, entries with their appearances, duration, status),
// the live JSON of the list (Box's card JSON through SkillCard::toJson; card JSON pasted there
// and applied comes back into the editor unchanged), each card's problems inline, and a preview
// (SkillCardsView) roughly as the Box web app shows the cards.
class SkillCardEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SkillCardEditor(QWidget *parent = nullptr);

    QList<SkillCard> cards() const { return m_cards; }
    void setCards(const QList<SkillCard> &cards);
    // New cards (and cards without them) get these IDs; the lab passes the payload's.
    void setIds(const QString &skillId, const QString &invocationId);
    // Reads card JSON: a card, a list of cards or a boxSkillsCards metadata instance. False
    // (problems shown) when nothing could be read; the editor keeps its cards then.
    bool applyJson(const QByteArray &json);
    QString jsonText() const;
    int currentCard() const;
    void selectCard(int index);
    SkillCardsView *preview() const { return m_preview; }

public Q_SLOTS:
    void addCard();
    void removeCard();
    void addEntry();
    void removeEntry();

Q_SIGNALS:
    void cardsChanged(const QList<SkillCard> &cards);

private:
    void showCard(int index); // the form from m_cards[index]
    void readForm();          // m_cards[current] from the form
    void refresh(bool list);  // JSON, problems, preview (and the list's labels)
    void updateVisibleRows();
    QString cardLabel(int index) const;
    static QString appearsText(const QList<SkillCardAppearance> &appears);
    static bool parseAppears(const QString &text, QList<SkillCardAppearance> *appears);
    static QString number(double value);

    QList<SkillCard> m_cards;
    QString m_skillId;
    QString m_invocationId;
    bool m_loading = false;
    QStringList m_formProblems;

    QListWidget *m_list;
    QComboBox *m_newType;
    QPushButton *m_add;
    QPushButton *m_remove;
    QFormLayout *m_form;
    QWidget *m_formBox;
    QComboBox *m_type;
    QLineEdit *m_title;
    QLineEdit *m_titleCode;
    QLineEdit *m_skill;
    QLineEdit *m_invocation;
    QLineEdit *m_duration;
    QTableWidget *m_entries;
    QWidget *m_entriesBox;
    QPushButton *m_addEntry;
    QPushButton *m_removeEntry;
    QComboBox *m_statusCode;
    QLineEdit *m_statusMessage;
    QPlainTextEdit *m_json;
    QPushButton *m_applyJson;
    QLabel *m_problems;
    SkillCardsView *m_preview;
};
