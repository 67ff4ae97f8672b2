#include "ui/skills/skillcardeditor.h"

#include "ui/skills/skillcardsview.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
enum EntryColumn
{
    TextColumn,
    ImageColumn,
    AppearsColumn,
};

const QList<SkillCardType> &cardTypes()
{
    static const QList<SkillCardType> types{SkillCardType::Keyword, SkillCardType::Timeline,
                                            SkillCardType::Transcript, SkillCardType::Status};
    return types;
}

QString typeName(SkillCardType type)
{
    switch (type) {
    case SkillCardType::Keyword:
        return SkillCardEditor::tr("Keywords");
    case SkillCardType::Timeline:
        return SkillCardEditor::tr("Timeline");
    case SkillCardType::Transcript:
        return SkillCardEditor::tr("Transcript");
    case SkillCardType::Status:
        return SkillCardEditor::tr("Status");
    }
    return {};
}

QLineEdit *lineEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    return edit;
}
} // namespace

SkillCardEditor::SkillCardEditor(QWidget *parent)
    : QWidget(parent), m_list(new QListWidget(this)), m_newType(new QComboBox(this)),
      m_add(new QPushButton(tr("&Add Card"), this)),
      m_remove(new QPushButton(tr("Re&move Card"), this)), m_formBox(new QWidget(this)),
      m_type(new QComboBox(m_formBox)), m_title(lineEdit(u"cardTitleEdit"_s, m_formBox)),
      m_titleCode(lineEdit(u"cardTitleCodeEdit"_s, m_formBox)),
      m_skill(lineEdit(u"cardSkillIdEdit"_s, m_formBox)),
      m_invocation(lineEdit(u"cardInvocationIdEdit"_s, m_formBox)),
      m_duration(lineEdit(u"cardDurationEdit"_s, m_formBox)),
      m_entries(new QTableWidget(0, 3, m_formBox)), m_entriesBox(new QWidget(m_formBox)),
      m_addEntry(new QPushButton(tr("Add &Entry"), m_formBox)),
      m_removeEntry(new QPushButton(tr("Remove E&ntry"), m_formBox)),
      m_statusCode(new QComboBox(m_formBox)),
      m_statusMessage(lineEdit(u"cardStatusMessageEdit"_s, m_formBox)),
      m_json(new QPlainTextEdit(this)), m_applyJson(new QPushButton(tr("Apply &JSON"), this)),
      m_problems(new QLabel(this)), m_preview(new SkillCardsView(this))
{
    setObjectName(u"skillCardEditor"_s);
    m_list->setObjectName(u"skillCardList"_s);
    m_list->setAccessibleName(tr("Cards"));
    m_newType->setObjectName(u"newCardTypeCombo"_s);
    m_newType->setAccessibleName(tr("Type of the new card"));
    m_type->setObjectName(u"cardTypeCombo"_s);
    for (SkillCardType t : cardTypes()) {
        m_newType->addItem(typeName(t), skillCardTypeKey(t));
        m_type->addItem(typeName(t), skillCardTypeKey(t));
    }
    m_add->setObjectName(u"addCardButton"_s);
    m_remove->setObjectName(u"removeCardButton"_s);

    m_duration->setPlaceholderText(tr("seconds (timeline, transcript)"));
    m_titleCode->setPlaceholderText(tr("optional, e.g. skills_topics"));
    m_entries->setObjectName(u"cardEntriesTable"_s);
    m_entries->setHorizontalHeaderLabels({tr("Text"), tr("Image URL"), tr("Appears (s)")});
    m_entries->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_entries->horizontalHeader()->setStretchLastSection(true);
    m_entries->horizontalHeader()->resizeSection(TextColumn, 120);
    m_entries->horizontalHeader()->resizeSection(ImageColumn, 110);
    m_entries->verticalHeader()->hide();
    m_entries->setWordWrap(false);
    m_entries->setAccessibleName(tr("Entries"));
    m_entries->setToolTip(tr("Appears: start–end pairs in seconds, e.g. \"0-5, 12-20\"; a "
                             "transcript line has a start only."));
    m_addEntry->setObjectName(u"addEntryButton"_s);
    m_removeEntry->setObjectName(u"removeEntryButton"_s);
    auto *entriesLayout = new QVBoxLayout(m_entriesBox);
    entriesLayout->setContentsMargins(0, 0, 0, 0);
    entriesLayout->addWidget(m_entries);
    auto *entryButtons = new QHBoxLayout;
    entryButtons->addWidget(m_addEntry);
    entryButtons->addWidget(m_removeEntry);
    entryButtons->addStretch();
    entriesLayout->addLayout(entryButtons);
    m_statusCode->setObjectName(u"cardStatusCombo"_s);
    m_statusCode->addItems(SkillCard::statusCodes());

    m_form = new QFormLayout(m_formBox);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(tr("T&ype:"), m_type);
    m_form->addRow(tr("&Title:"), m_title);
    m_form->addRow(tr("Title &code:"), m_titleCode);
    m_form->addRow(tr("S&kill ID:"), m_skill);
    m_form->addRow(tr("&Invocation ID:"), m_invocation);
    m_form->addRow(tr("&Duration:"), m_duration);
    m_form->addRow(tr("Entries:"), m_entriesBox);
    m_form->addRow(tr("Stat&us:"), m_statusCode);
    m_form->addRow(tr("&Message:"), m_statusMessage);

    m_json->setObjectName(u"cardsJsonEdit"_s);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setAccessibleName(tr("Card JSON"));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setPlaceholderText(tr("The cards' JSON shows here; paste card JSON and apply it."));
    m_applyJson->setObjectName(u"applyCardsJsonButton"_s);
    m_problems->setObjectName(u"cardProblems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Left: the list and the form. Middle: JSON. Right: the preview.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_newType);
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    leftLayout->addLayout(listButtons);
    leftLayout->addWidget(m_formBox, 3);

    auto *middle = new QWidget(this);
    auto *middleLayout = new QVBoxLayout(middle);
    middleLayout->setContentsMargins(0, 0, 0, 0);
    auto *jsonLabel = new QLabel(tr("Card &JSON:"), middle);
    jsonLabel->setBuddy(m_json);
    middleLayout->addWidget(jsonLabel);
    middleLayout->addWidget(m_json, 1);
    auto *jsonButtons = new QHBoxLayout;
    jsonButtons->addStretch();
    jsonButtons->addWidget(m_applyJson);
    middleLayout->addLayout(jsonButtons);
    middleLayout->addWidget(m_problems);

    auto *previewScroll = new QScrollArea(this);
    previewScroll->setObjectName(u"skillCardsPreviewScroll"_s);
    previewScroll->setWidgetResizable(true);
    previewScroll->setWidget(m_preview);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(
        new QLabel(tr("Preview (roughly as the Box web app shows them):"), right));
    rightLayout->addWidget(previewScroll, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(middle);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 3);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_add, &QPushButton::clicked, this, &SkillCardEditor::addCard);
    connect(m_remove, &QPushButton::clicked, this, &SkillCardEditor::removeCard);
    connect(m_addEntry, &QPushButton::clicked, this, &SkillCardEditor::addEntry);
    connect(m_removeEntry, &QPushButton::clicked, this, &SkillCardEditor::removeEntry);
    connect(m_list, &QListWidget::currentRowChanged, this, &SkillCardEditor::showCard);
    connect(m_applyJson, &QPushButton::clicked, this,
            [this] { applyJson(m_json->toPlainText().toUtf8()); });
    for (QLineEdit *edit :
         {m_title, m_titleCode, m_skill, m_invocation, m_duration, m_statusMessage})
        connect(edit, &QLineEdit::textEdited, this, &SkillCardEditor::readForm);
    connect(m_type, &QComboBox::activated, this, [this] {
        readForm();
        updateVisibleRows();
    });
    connect(m_statusCode, &QComboBox::activated, this, &SkillCardEditor::readForm);
    connect(m_entries, &QTableWidget::itemChanged, this, &SkillCardEditor::readForm);
    setCards({});
}

QString SkillCardEditor::number(double value)
{
    return QString::number(value, 'g', 15);
}

QString SkillCardEditor::appearsText(const QList<SkillCardAppearance> &appears)
{
    QStringList parts;
    for (const SkillCardAppearance &a : appears)
        parts.append(a.end ? u"%1-%2"_s.arg(number(a.start), number(*a.end)) : number(a.start));
    return parts.join(u", "_s);
}

bool SkillCardEditor::parseAppears(const QString &text, QList<SkillCardAppearance> *appears)
{
    appears->clear();
    const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
    for (QString part : parts) {
        part = part.trimmed();
        if (part.isEmpty())
            continue;
        part.replace(u'–', u'-');
        // A leading '-' would be a negative number; split on the '-' after the first character.
        const qsizetype dash = part.indexOf(u'-', 1);
        bool ok = false;
        SkillCardAppearance a;
        a.start = part.left(dash < 0 ? part.size() : dash).trimmed().toDouble(&ok);
        if (!ok)
            return false;
        if (dash >= 0) {
            const double end = part.mid(dash + 1).trimmed().toDouble(&ok);
            if (!ok)
                return false;
            a.end = end;
        }
        appears->append(a);
    }
    return true;
}

int SkillCardEditor::currentCard() const
{
    return m_list->currentRow();
}

void SkillCardEditor::selectCard(int index)
{
    m_list->setCurrentRow(index);
}

QString SkillCardEditor::jsonText() const
{
    return m_json->toPlainText();
}

QString SkillCardEditor::cardLabel(int index) const
{
    const SkillCard &c = m_cards[index];
    const QString title = c.titleMessage.isEmpty() ? QString() : u" — "_s + c.titleMessage;
    return u"%1. %2%3"_s.arg(index + 1).arg(typeName(c.type), title);
}

void SkillCardEditor::setCards(const QList<SkillCard> &cards)
{
    m_cards = cards;
    m_formProblems.clear();
    m_loading = true;
    m_list->clear();
    for (int i = 0; i < m_cards.size(); ++i)
        m_list->addItem(cardLabel(i));
    m_loading = false;
    if (!m_cards.isEmpty())
        m_list->setCurrentRow(0);
    else
        showCard(-1);
    refresh(false);
}

void SkillCardEditor::setIds(const QString &skillId, const QString &invocationId)
{
    // Fills the IDs the editor filled before (from the previous event) or none at all; an ID
    // the user typed stays.
    const QString previousSkillId = m_skillId;
    const QString previousInvocationId = m_invocationId;
    m_skillId = skillId;
    m_invocationId = invocationId;
    bool changed = false;
    for (SkillCard &c : m_cards) {
        if (!skillId.isEmpty() && c.skillId != skillId &&
            (c.skillId.isEmpty() || c.skillId == previousSkillId)) {
            c.skillId = skillId;
            changed = true;
        }
        if (!invocationId.isEmpty() && c.invocationId != invocationId &&
            (c.invocationId.isEmpty() || c.invocationId == previousInvocationId)) {
            c.invocationId = invocationId;
            changed = true;
        }
    }
    if (changed) {
        showCard(currentCard());
        refresh(false);
    }
}

void SkillCardEditor::addCard()
{
    SkillCard card;
    card.type = *skillCardTypeFromKey(m_newType->currentData().toString());
    card.titleMessage = typeName(card.type);
    card.titleCode = SkillCard::kitTitleCode(card.titleMessage);
    card.skillId = m_skillId;
    card.invocationId = m_invocationId;
    switch (card.type) {
    case SkillCardType::Keyword:
        card.entries = {{tr("keyword"), {}, {}, {}}};
        break;
    case SkillCardType::Timeline:
        card.duration = 60;
        card.entries = {{tr("entry"), u"https://example.com/entry.png"_s, {{0, 10}}, {}}};
        break;
    case SkillCardType::Transcript:
        card.duration = 60;
        card.entries = {{tr("First line"), {}, {{0, std::nullopt}}, {}}};
        break;
    case SkillCardType::Status:
        card.statusCode = u"success"_s;
        break;
    }
    m_cards.append(card);
    m_list->addItem(cardLabel(int(m_cards.size() - 1)));
    m_list->setCurrentRow(int(m_cards.size() - 1));
    refresh(false);
}

void SkillCardEditor::removeCard()
{
    const int row = currentCard();
    if (row < 0 || row >= m_cards.size())
        return;
    m_cards.removeAt(row);
    QList<SkillCard> cards = m_cards;
    setCards(cards);
    if (!m_cards.isEmpty())
        m_list->setCurrentRow(std::min(row, int(m_cards.size() - 1)));
}

void SkillCardEditor::addEntry()
{
    const int row = currentCard();
    if (row < 0)
        return;
    SkillCardEntry entry;
    entry.text = tr("entry");
    if (m_cards[row].type == SkillCardType::Transcript)
        entry.appears = {{0, std::nullopt}};
    m_cards[row].entries.append(entry);
    showCard(row);
    refresh(false);
}

void SkillCardEditor::removeEntry()
{
    const int row = currentCard();
    const int entry = m_entries->currentRow();
    if (row < 0 || entry < 0 || entry >= m_cards[row].entries.size())
        return;
    m_cards[row].entries.removeAt(entry);
    showCard(row);
    refresh(false);
}

void SkillCardEditor::showCard(int index)
{
    if (m_loading)
        return;
    m_loading = true;
    const bool valid = index >= 0 && index < m_cards.size();
    m_formBox->setEnabled(valid);
    m_remove->setEnabled(valid);
    m_entries->setRowCount(0);
    if (valid) {
        const SkillCard &c = m_cards[index];
        m_type->setCurrentIndex(m_type->findData(skillCardTypeKey(c.type)));
        m_title->setText(c.titleMessage);
        m_titleCode->setText(c.titleCode);
        m_skill->setText(c.skillId);
        m_invocation->setText(c.invocationId);
        m_duration->setText(c.duration ? number(*c.duration) : QString());
        m_entries->setRowCount(int(c.entries.size()));
        for (int i = 0; i < c.entries.size(); ++i) {
            m_entries->setItem(i, TextColumn, new QTableWidgetItem(c.entries[i].text));
            m_entries->setItem(i, ImageColumn, new QTableWidgetItem(c.entries[i].imageUrl));
            m_entries->setItem(i, AppearsColumn,
                               new QTableWidgetItem(appearsText(c.entries[i].appears)));
        }
        const int status = m_statusCode->findText(c.statusCode);
        if (status < 0 && !c.statusCode.isEmpty())
            m_statusCode->addItem(c.statusCode);
        m_statusCode->setCurrentIndex(
            c.statusCode.isEmpty() ? -1 : m_statusCode->findText(c.statusCode));
        m_statusMessage->setText(c.statusMessage);
    } else {
        for (QLineEdit *edit :
             {m_title, m_titleCode, m_skill, m_invocation, m_duration, m_statusMessage})
            edit->clear();
    }
    m_loading = false;
    updateVisibleRows();
}

void SkillCardEditor::updateVisibleRows()
{
    const auto type = skillCardTypeFromKey(m_type->currentData().toString());
    const bool status = type == SkillCardType::Status;
    const bool timed = type == SkillCardType::Timeline || type == SkillCardType::Transcript;
    m_form->setRowVisible(m_duration, timed);
    m_form->setRowVisible(m_entriesBox, !status);
    m_form->setRowVisible(m_statusCode, status);
    m_form->setRowVisible(m_statusMessage, status);
    m_entries->setColumnHidden(ImageColumn, type != SkillCardType::Timeline);
    m_entries->setColumnHidden(AppearsColumn, type == SkillCardType::Keyword);
}

void SkillCardEditor::readForm()
{
    const int index = currentCard();
    if (m_loading || index < 0 || index >= m_cards.size())
        return;
    SkillCard &c = m_cards[index];
    m_formProblems.clear();
    c.type = skillCardTypeFromKey(m_type->currentData().toString()).value_or(c.type);
    c.titleMessage = m_title->text();
    c.titleCode = m_titleCode->text();
    c.skillId = m_skill->text();
    c.invocationId = m_invocation->text();
    const QString duration = m_duration->text().trimmed();
    if (duration.isEmpty()) {
        c.duration.reset();
    } else {
        bool ok = false;
        const double value = duration.toDouble(&ok);
        if (ok)
            c.duration = value;
        else
            m_formProblems.append(tr("Duration \"%1\" is not a number of seconds.").arg(duration));
    }
    QList<SkillCardEntry> entries;
    for (int i = 0; i < m_entries->rowCount(); ++i) {
        // Keys the form does not show (extra) stay as they were read.
        SkillCardEntry e = i < c.entries.size() ? c.entries[i] : SkillCardEntry{};
        auto text = [this, i](int column) {
            const QTableWidgetItem *item = m_entries->item(i, column);
            return item ? item->text() : QString();
        };
        e.text = text(TextColumn);
        e.imageUrl = text(ImageColumn);
        QList<SkillCardAppearance> appears;
        if (parseAppears(text(AppearsColumn), &appears))
            e.appears = appears;
        else
            m_formProblems.append(tr("Entry %1: appears \"%2\" is not like \"0-5, 12-20\".")
                                      .arg(i + 1)
                                      .arg(text(AppearsColumn)));
        entries.append(e);
    }
    c.entries = entries;
    if (c.type == SkillCardType::Status) {
        c.statusCode = m_statusCode->currentText();
        c.statusMessage = m_statusMessage->text();
    }
    m_list->item(index)->setText(cardLabel(index));
    refresh(false);
}

void SkillCardEditor::refresh(bool)
{
    m_json->setPlainText(QString::fromUtf8(
        QJsonDocument(SkillCards::toJsonArray(m_cards)).toJson(QJsonDocument::Indented)));
    QStringList problems = m_formProblems;
    for (int i = 0; i < m_cards.size(); ++i) {
        for (const QString &p : m_cards[i].problems())
            problems.append(tr("Card %1: %2").arg(i + 1).arg(p));
    }
    m_problems->setText(problems.isEmpty() ? tr("Valid card JSON.") : problems.join(u'\n'));
    m_problems->setStyleSheet(problems.isEmpty() ? u"color: #2e7d32;"_s : u"color: #c62828;"_s);
    m_problems->setProperty("hasProblems", !problems.isEmpty());
    m_preview->setCards(m_cards);
    m_preview->setMessage(m_cards.isEmpty() ? tr("No cards yet: add one.") : QString());
    Q_EMIT cardsChanged(m_cards);
}

bool SkillCardEditor::applyJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    auto fail = [this](const QString &why) {
        m_problems->setText(why);
        m_problems->setStyleSheet(u"color: #c62828;"_s);
        m_problems->setProperty("hasProblems", true);
        return false;
    };
    if (error.error != QJsonParseError::NoError)
        return fail(tr("Not JSON (at offset %1): %2").arg(error.offset).arg(error.errorString()));
    QList<SkillCard> cards;
    QStringList problems;
    if (doc.isArray()) {
        const QJsonArray array = doc.array();
        for (int i = 0; i < array.size(); ++i) {
            QString why;
            if (const auto card = SkillCard::fromJson(array.at(i).toObject(), &why))
                cards.append(*card);
            else
                problems.append(tr("[%1]: %2").arg(i).arg(why));
        }
    } else if (doc.object().contains(u"cards"_s)) {
        cards = SkillCards::fromMetadata(doc.object(), &problems);
    } else {
        QString why;
        if (const auto card = SkillCard::fromJson(doc.object(), &why))
            cards.append(*card);
        else
            problems.append(why);
    }
    if (cards.isEmpty())
        return fail(problems.isEmpty() ? tr("No cards in this JSON.") : problems.join(u'\n'));
    setCards(cards);
    if (!problems.isEmpty()) {
        m_problems->setText(
            tr("Some cards were skipped:\n%1\n%2").arg(problems.join(u'\n'), m_problems->text()));
        m_problems->setStyleSheet(u"color: #c62828;"_s);
    }
    return true;
}
