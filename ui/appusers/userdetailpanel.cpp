#include "ui/appusers/userdetailpanel.h"

#include "core/appusers/appusersmodel.h"
#include "ui/appusers/appuserstable.h"

#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <numeric>

using namespace Qt::Literals::StringLiterals;

UserDetailPanel::UserDetailPanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_form(new QWidget(this)),
      m_edit(new QPushButton(tr("Edit…"), this)), m_actAs(new QPushButton(tr("Act as User…"), this))
{
    setObjectName(u"userDetailPanel"_s);
    m_title->setObjectName(u"detailTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText); // a user's name is data, never markup
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->setRowWrapPolicy(QFormLayout::WrapAllRows); // label above value: narrow panel
    const QList<QPair<QString, QString>> rows = {
        {u"type"_s, tr("Type")},          {u"login"_s, tr("Login")},
        {u"id"_s, tr("User ID")},         {u"external_app_user_id"_s, tr("External ID")},
        {u"status"_s, tr("Status")},      {u"space"_s, tr("Storage")},
        {u"created_at"_s, tr("Created")},
    };
    for (const auto &[field, label] : rows) {
        auto *value = new QLabel(m_form);
        value->setObjectName(u"detail_"_s + field);
        value->setAccessibleName(label);
        value->setTextFormat(Qt::PlainText);
        if (field == u"login"_s || field == u"id"_s || field == u"external_app_user_id"_s) {
            // One word: elided to the panel's width (see elide()), never wider than it.
            value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
            value->setMinimumWidth(1);
            value->installEventFilter(this);
            m_elidable.insert(value, QString());
        } else {
            value->setWordWrap(true);
        }
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        m_values.insert(field, value);
        form->addRow(label + u':', value);
    }
    m_edit->setObjectName(u"detailEditButton"_s);
    m_edit->setAccessibleName(tr("Edit the selected user"));
    m_actAs->setObjectName(u"detailActAsButton"_s);
    m_actAs->setAccessibleName(tr("Act as the selected user"));
    connect(m_edit, &QPushButton::clicked, this, &UserDetailPanel::editRequested);
    connect(m_actAs, &QPushButton::clicked, this, &UserDetailPanel::actAsRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_edit);
    buttons->addWidget(m_actAs);
    buttons->addStretch();
    // In a scroll area: the panel never makes the pane taller than the window allows (the
    // request inspector docked below keeps its rows at 1024x700).
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_title);
    layout->addWidget(m_form);
    layout->addLayout(buttons);
    layout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"userDetailScroll"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    showSummary(0);
}

void UserDetailPanel::showUser(const QJsonObject &user, AppUserRow::Type type)
{
    m_title->setText(user.value(u"name"_s).toString());
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        it.value()->clear();
    QLabel *typeLabel = m_values.value(u"type"_s);
    typeLabel->setText(AppUserRow::typeText(type));
    typeLabel->setToolTip(AppUsersModel::typeToolTip(type));
    for (const QString &f : {u"login"_s, u"id"_s, u"external_app_user_id"_s})
        setElidedValue(m_values.value(f), user.value(f).toString());
    static const QHash<QString, QString> statusText = {
        {u"active"_s, tr("Active")},
        {u"inactive"_s, tr("Inactive")},
        {u"cannot_delete_edit"_s, tr("Cannot delete or edit")},
        {u"cannot_delete_edit_upload"_s, tr("Cannot delete, edit or upload")},
    };
    const QString status = user.value(u"status"_s).toString();
    m_values.value(u"status"_s)->setText(statusText.value(status, status));
    if (user.contains(u"space_used"_s)) {
        const qint64 used = user.value(u"space_used"_s).toInteger();
        const qint64 amount = user.value(u"space_amount"_s).toInteger();
        m_values.value(u"space"_s)
            ->setText(
                tr("%1 of %2").arg(AppUsersModel::sizeText(used), AppUsersModel::sizeText(amount)));
    }
    const QDateTime created =
        QDateTime::fromString(user.value(u"created_at"_s).toString(), Qt::ISODate);
    if (created.isValid())
        m_values.value(u"created_at"_s)
            ->setText(QLocale().toString(created.toLocalTime(), QLocale::LongFormat));
    m_form->show();
    m_edit->setEnabled(true);
    m_actAs->setEnabled(true);
}

void UserDetailPanel::showSummary(int selectedCount)
{
    m_title->setText(selectedCount == 0 ? tr("No user selected")
                                        : tr("%n users selected", nullptr, selectedCount));
    m_form->hide();
    m_edit->setEnabled(false);
    m_actAs->setEnabled(false);
}

QString UserDetailPanel::fieldText(const QString &field) const
{
    if (field == u"name"_s)
        return m_title->text();
    QLabel *l = m_values.value(field);
    if (!l)
        return {};
    return m_elidable.contains(l) ? m_elidable.value(l) : l->text();
}

void UserDetailPanel::setElidedValue(QLabel *label, const QString &value)
{
    m_elidable.insert(label, value);
    elide(label);
}

void UserDetailPanel::elide(QLabel *label)
{
    const QString value = m_elidable.value(label);
    const int room = label->contentsRect().width();
    const QString shown = label->fontMetrics().elidedText(value, Qt::ElideMiddle, room);
    // Elided: the whole value in the tooltip, and no selection (it would copy the ellipsis;
    // the table's Copy ID / Copy Login copy the whole value).
    const bool whole = shown == value;
    label->setToolTip(whole ? QString() : value);
    label->setTextInteractionFlags(whole ? Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard
                                         : Qt::NoTextInteraction);
    if (label->text() != shown)
        label->setText(shown);
}

bool UserDetailPanel::eventFilter(QObject *watched, QEvent *event)
{
    if ((event->type() == QEvent::Resize || event->type() == QEvent::Show) &&
        watched == m_splitter) {
        scheduleFit();
    } else if (event->type() == QEvent::Resize) {
        if (auto *label = qobject_cast<QLabel *>(watched); label && m_elidable.contains(label))
            elide(label);
    }
    return QWidget::eventFilter(watched, event);
}

QAction *UserDetailPanel::createToggleAction(QSplitter *splitter)
{
    m_splitter = splitter;
    m_toggle = new QAction(tr("&Details"), this);
    m_toggle->setObjectName(u"toggleUserDetailsAction"_s);
    m_toggle->setCheckable(true);
    m_toggle->setToolTip(tr("Show or hide the selected user's details beside the table"));
    connect(m_toggle, &QAction::toggled, splitter, [this, splitter](bool open) {
        // The user's choice: an open panel stays open at this width even if the table
        // needs a scrollbar beside it.
        m_userOpenedAt = open ? splitter->width() : 0;
        if (open && m_autoFolded) {
            m_autoFolded = false;
            show();
        }
        const int index = splitter->indexOf(this);
        QList<int> sizes = splitter->sizes();
        if (index < 0 || sizes.size() < 2)
            return;
        const int total = std::accumulate(sizes.cbegin(), sizes.cend(), 0);
        if (!open && sizes.at(index) > 0)
            m_openWidth = sizes.at(index);
        const int width = open ? std::max(m_openWidth, minimumSizeHint().width()) : 0;
        sizes[index] = width;
        sizes[index == 0 ? 1 : 0] = std::max(0, total - width);
        splitter->setSizes(sizes);
    });
    connect(splitter, &QSplitter::splitterMoved, this, &UserDetailPanel::updateToggle);
    updateToggle();
    return m_toggle;
}

void UserDetailPanel::foldWhileNarrow(QTableView *table, const QList<int> &givingWay)
{
    Q_ASSERT(m_splitter);
    m_table = table;
    m_givingWay = givingWay;
    m_splitter->installEventFilter(this);
    // A column shown, hidden or widened (not the stretching login) changes what the table needs.
    connect(table->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int logical) {
        if (m_table->horizontalHeader()->sectionResizeMode(logical) != QHeaderView::Stretch)
            scheduleFit();
    });
    scheduleFit();
}

int UserDetailPanel::tableWidthNeeded() const
{
    // Every shown column at its width but those that give way first; a stretching one at
    // least as wide as its title.
    return AppUsersTable::widthNeeded(m_table, m_givingWay);
}

void UserDetailPanel::scheduleFit()
{
    // Once the splitter has laid out its new size: its sizes() are the widgets' until then.
    if (m_fitScheduled)
        return;
    m_fitScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_fitScheduled = false;
            fitBesideTable();
        },
        Qt::QueuedConnection);
}

void UserDetailPanel::fitBesideTable()
{
    if (!m_table || !m_splitter || !m_splitter->isVisible() || m_splitter->width() <= 0)
        return;
    const int index = m_splitter->indexOf(this);
    if (index < 0)
        return;
    const int open =
        m_autoFolded ? std::max(m_openWidth, minimumWidth()) : m_splitter->sizes().value(index);
    if (!m_autoFolded && open <= 0)
        return; // folded by the user
    const int room = m_splitter->width() - m_splitter->handleWidth() - open;
    const bool fits = room >= tableWidthNeeded();
    if (!m_autoFolded && !fits && m_splitter->width() < m_userOpenedAt)
        m_userOpenedAt = 0; // narrower than where the user opened it
    if (!m_autoFolded && !fits && m_userOpenedAt == 0) {
        m_openWidth = open;
        m_autoFolded = true;
        hide(); // the splitter keeps its width (in its saved state too)
        updateToggle();
    } else if (m_autoFolded && fits) {
        m_autoFolded = false;
        show();
        QList<int> sizes = m_splitter->sizes();
        const int total = std::accumulate(sizes.cbegin(), sizes.cend(), 0);
        sizes[index] = open;
        sizes[index == 0 ? 1 : 0] = std::max(0, total - open);
        m_splitter->setSizes(sizes);
        updateToggle();
    }
}

void UserDetailPanel::updateToggle()
{
    if (!m_toggle)
        return;
    const QSignalBlocker blocker(m_toggle);
    // The splitter's sizes, not this panel's width: they are right before a hidden page has
    // been laid out (a restored state).
    const int index = m_splitter ? m_splitter->indexOf(this) : -1;
    m_toggle->setChecked(!m_autoFolded && index >= 0 && m_splitter->sizes().value(index) > 0);
}

void UserDetailPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateToggle();
}

void UserDetailPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateToggle();
}
