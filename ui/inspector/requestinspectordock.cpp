#include "ui/inspector/requestinspectordock.h"

#include "core/api/requestlog.h"
#include "core/format/requestdetailformatter.h"
#include "ui/headercolumnsmenu.h"
#include "ui/inspector/requestlogfiltermodel.h"
#include "ui/keyboardaccess.h"
#include "ui/tablecontextmenu.h"

#include <QAction>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
// Rows the table shows at the dock's default height.
constexpr int kDefaultRows = 12;

// The dock's content: by default tall enough for kDefaultRows rows of the table (which sits
// beside the detail view), so docking it neither hides the log behind a few rows nor takes
// the panes above more room than that.
class InspectorContent : public QWidget
{
public:
    using QWidget::QWidget;
    QTableView *table = nullptr;

    QSize sizeHint() const override
    {
        QSize hint = QWidget::sizeHint();
        if (!table)
            return hint;
        const int rows = table->verticalHeader()->defaultSectionSize() * kDefaultRows;
        const int chrome = hint.height() - table->sizeHint().height(); // bars, margins
        const int tableHeight = rows + table->horizontalHeader()->sizeHint().height() +
                                2 * table->frameWidth() +
                                table->horizontalScrollBar()->sizeHint().height();
        hint.setHeight(std::max(hint.height(), chrome + tableHeight));
        return hint;
    }
};
} // namespace

RequestInspectorDock::RequestInspectorDock(RequestLog *log, QWidget *parent)
    : QDockWidget(tr("Request Inspector"), parent), m_proxy(new RequestLogFilterModel(this))
{
    setObjectName(u"requestInspector"_s);

    auto *content = new InspectorContent(this);
    m_filter = new QLineEdit(content);
    m_filter->setObjectName(u"requestFilter"_s);
    m_filter->setPlaceholderText(tr("Filter by app, method, URL, status or request ID"));
    m_filter->setAccessibleName(tr("Filter requests"));
    m_filter->setClearButtonEnabled(true);

    m_clearAction = new QAction(tr("C&lear"), this);
    m_clearAction->setObjectName(u"clearRequestsAction"_s);
    m_clearAction->setToolTip(tr("Forget every logged request"));
    m_copyCurlAction = new QAction(tr("Copy as &curl"), this);
    m_copyCurlAction->setObjectName(u"copyAsCurlAction"_s);
    m_copyCurlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyCurlAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyCurlAction->setToolTip(
        tr("Copy the selected request as a curl command. Secrets are environment variables: "
           "the token is $BOX_TOKEN, a token request's client secret $BOX_CLIENT_SECRET, its "
           "refresh token $BOX_REFRESH_TOKEN and so on; set them and the command runs."));
    m_copyCurlAction->setEnabled(false);
    addAction(m_copyCurlAction);
    // The Token tab's Ctrl+Shift+C (Copy access token) is window-wide: here the dock's wins.
    KeyboardAccess::preferWhileFocused(this, {m_copyCurlAction});

    auto *clearButton = new QToolButton(content);
    clearButton->setObjectName(u"clearRequestsButton"_s);
    clearButton->setDefaultAction(m_clearAction);
    auto *copyButton = new QToolButton(content);
    copyButton->setObjectName(u"copyAsCurlButton"_s);
    copyButton->setDefaultAction(m_copyCurlAction);

    m_table = new QTableView(content);
    m_table->setObjectName(u"requestTable"_s);
    // Right-click on the header shows or hides columns; the URL stays.
    HeaderColumnsMenu::install(m_table->horizontalHeader(), {RequestLog::UrlColumn});
    m_table->setAccessibleName(tr("Requests"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrows move in it
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // A few rows at least, whatever the panes above ask for.
    m_table->setMinimumHeight(m_table->verticalHeader()->defaultSectionSize() * 4 +
                              m_table->horizontalHeader()->sizeHint().height());
    content->table = m_table;
    QAction *copyId = TableContextMenu::copyColumnAction(
        m_table, RequestLog::RequestIdColumn, tr("Copy Request &ID"), u"copyRequestIdAction"_s);
    TableContextMenu::install(m_table, [this, copyId] {
        return QList<QAction *>{m_copyCurlAction, copyId};
    });
    // Opened by the user (View > Request Inspector, F12): the focus goes to the list, so its
    // keys (the arrows, Ctrl+Shift+C, Shift+F10) work at once.
    connect(toggleViewAction(), &QAction::triggered, this, [this](bool shown) {
        if (shown)
            m_table->setFocus(Qt::OtherFocusReason);
    });
    m_detail = new QPlainTextEdit(content);
    m_detail->setObjectName(u"requestDetail"_s);
    m_detail->setAccessibleName(tr("Request details"));
    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a request to see its headers and bodies."));

    m_bound = new QLabel(content);
    m_bound->setObjectName(u"requestLogBound"_s);
    m_bound->setForegroundRole(QPalette::PlaceholderText);

    // The list beside the selected request's detail, as in a browser's network panel: a
    // docked inspector is wide rather than tall.
    auto *splitter = new QSplitter(Qt::Horizontal, content);
    splitter->setObjectName(u"requestInspectorSplitter"_s);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(clearButton);
    bar->addWidget(copyButton);
    bar->addWidget(m_bound); // beside the tools: every line of the dock's height is for rows
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    setWidget(content);

    m_proxy->setPalette(palette());
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &RequestLogFilterModel::setFilterText);
    connect(m_clearAction, &QAction::triggered, this, [this] {
        if (m_log)
            m_log->clear();
    });
    connect(m_copyCurlAction, &QAction::triggered, this, &RequestInspectorDock::copyCurl);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RequestInspectorDock::updateDetail);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RequestInspectorDock::updateDetail);
    // Rows removed or reset (Clear, the bound, the filter) may take the selection with them.
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &RequestInspectorDock::updateDetail);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RequestInspectorDock::updateDetail);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            &RequestInspectorDock::onRowsInserted);
    connect(m_proxy, &QAbstractItemModel::modelReset, this,
            &RequestInspectorDock::updateBoundLabel);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this,
            &RequestInspectorDock::updateBoundLabel);
    QScrollBar *scroll = m_table->verticalScrollBar();
    // The user scrolling away from the bottom stops following; scrolling back resumes it.
    connect(scroll, &QScrollBar::valueChanged, this,
            [this, scroll](int value) { m_followNewest = value >= scroll->maximum(); });

    setRequestLog(log);
}

void RequestInspectorDock::setRequestLog(RequestLog *log)
{
    m_log = log;
    m_proxy->setRequestLog(log);
    setUpColumns();
    m_followNewest = true;
    m_table->scrollToBottom();
    updateBoundLabel();
    updateDetail();
}

void RequestInspectorDock::setUpColumns()
{
    if (m_proxy->columnCount() != RequestLog::ColumnCount)
        return;
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(RequestLog::UrlColumn, QHeaderView::Stretch);
    const auto width = [this](const QString &sample) {
        return m_table->fontMetrics().horizontalAdvance(sample) + 24;
    };
    m_table->setColumnWidth(RequestLog::TimeColumn, width(u"00:00:00.000"_s));
    m_table->setColumnWidth(RequestLog::AppColumn, width(u"Sandbox JWT App"_s));
    m_table->setColumnWidth(RequestLog::MethodColumn, width(u"DELETE"_s));
    m_table->setColumnWidth(RequestLog::StatusColumn, width(u"Status"_s));
    m_table->setColumnWidth(RequestLog::DurationColumn, width(u"0000 ms"_s));
    // Box's request IDs elide (whole in the details, Copy Request ID): the path needs the room.
    m_table->setColumnWidth(RequestLog::RequestIdColumn,
                            header->sectionSizeHint(RequestLog::RequestIdColumn));
}

void RequestInspectorDock::changeEvent(QEvent *event)
{
    QDockWidget::changeEvent(event);
    // The dock gets the event before its children, so read the dock's own (new) palette.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        m_proxy->setPalette(palette());
}

void RequestInspectorDock::onRowsInserted()
{
    updateBoundLabel();
    if (m_followNewest)
        m_table->scrollToBottom();
}

void RequestInspectorDock::updateDetail()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const RequestLogEntry *e = rows.isEmpty() ? nullptr : m_proxy->entryAt(rows.first());
    m_copyCurlAction->setEnabled(e != nullptr);
    const QString text = e ? RequestDetailFormatter::format(*e) : QString();
    if (text != m_detail->toPlainText())
        m_detail->setPlainText(text);
}

void RequestInspectorDock::updateBoundLabel()
{
    const int capacity = m_log ? m_log->capacity() : 0;
    const int count = m_log ? m_log->rowCount() : 0;
    const QString bound = capacity == 1 ? tr("keeps the last request only")
                                        : tr("keeps the last %1 requests; older ones are dropped")
                                              .arg(QLocale().toString(capacity));
    m_bound->setText(tr("%1 logged · %2.").arg(QLocale().toString(count), bound));
}

void RequestInspectorDock::copyCurl()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!m_log || rows.isEmpty())
        return;
    const QString curl = m_log->curlCommand(m_proxy->mapToSource(rows.first()).row());
    if (!curl.isEmpty())
        QGuiApplication::clipboard()->setText(curl);
}
