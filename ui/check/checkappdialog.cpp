#include "ui/check/checkappdialog.h"

#include "core/check/appcheck.h"
#include "core/check/capabilitymodel.h"
#include "core/check/checkstepsmodel.h"
#include "core/profilemanager.h"
#include "core/session/profilesession.h"
#include "core/session/profilesessionregistry.h"
#include "ui/check/boxpages.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QShowEvent>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

// Long names (scopes, logins, paths) may break after '_', '@' and '/' when a cell wraps, so
// none runs past its column.
QVariant breakable(const QVariant &display)
{
    if (display.typeId() != QMetaType::QString)
        return display;
    QString text = display.toString();
    for (qsizetype i = text.size() - 1; i >= 0; --i) {
        const QChar c = text.at(i);
        if (c == u'_' || c == u'@' || c == u'/')
            text.insert(i + 1, QChar(0x200B)); // zero width space
    }
    return text;
}

// The checklist with a status icon in front of each step's status.
class StepIcons : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole && index.column() == CheckStepsModel::StatusColumn)
            return icon(CheckStep::Status(
                QIdentityProxyModel::data(index, CheckStepsModel::StatusRole).toInt()));
        if (role == Qt::DisplayRole)
            return breakable(QIdentityProxyModel::data(index, role));
        return QIdentityProxyModel::data(index, role);
    }
    static QIcon icon(CheckStep::Status status)
    {
        QStyle *style = QApplication::style();
        switch (status) {
        case CheckStep::Status::Passed:
            return style->standardIcon(QStyle::SP_DialogApplyButton);
        case CheckStep::Status::Warning:
            return style->standardIcon(QStyle::SP_MessageBoxWarning);
        case CheckStep::Status::Failed:
            return style->standardIcon(QStyle::SP_MessageBoxCritical);
        case CheckStep::Status::Running:
            return style->standardIcon(QStyle::SP_BrowserReload);
        case CheckStep::Status::Skipped:
            return style->standardIcon(QStyle::SP_MediaSkipForward);
        case CheckStep::Status::Pending:
            break;
        }
        return {};
    }
};

// The capability table with mismatches tinted (legible in light and dark palettes) and bold.
class MismatchHighlight : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        const bool mismatch =
            (role == Qt::BackgroundRole || role == Qt::FontRole) &&
            QIdentityProxyModel::data(index, CapabilityModel::MismatchRole).toBool();
        if (mismatch && role == Qt::BackgroundRole)
            return QColor(220, 53, 69, 48);
        if (mismatch && role == Qt::FontRole &&
            (index.column() == CapabilityModel::ExpectedColumn ||
             index.column() == CapabilityModel::BoxSaysColumn)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        if (role == Qt::DecorationRole && index.column() == CapabilityModel::BoxSaysColumn) {
            switch (Capability::Verdict(
                QIdentityProxyModel::data(index, CapabilityModel::VerdictRole).toInt())) {
            case Capability::Verdict::Allowed:
                return StepIcons::icon(CheckStep::Status::Passed);
            case Capability::Verdict::Denied:
                return StepIcons::icon(CheckStep::Status::Failed);
            case Capability::Verdict::Failed:
                return StepIcons::icon(CheckStep::Status::Warning);
            default:
                return {};
            }
        }
        if (role == Qt::DisplayRole)
            return breakable(QIdentityProxyModel::data(index, role));
        return QIdentityProxyModel::data(index, role);
    }
};

// Column widths as shares of the table's width; the last column takes the rest. Rows grow to
// show wrapped text whole.
class ColumnShares : public QObject
{
public:
    ColumnShares(QTableView *view, QList<double> shares)
        : QObject(view), m_view(view), m_shares(std::move(shares))
    {
        view->viewport()->installEventFilter(this);
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            apply();
        return QObject::eventFilter(watched, event);
    }
    void apply()
    {
        const int width = m_view->viewport()->width();
        for (int i = 0; i < m_shares.size(); ++i)
            m_view->horizontalHeader()->resizeSection(i, int(width * m_shares.at(i)));
        m_view->resizeRowsToContents();
    }

private:
    QTableView *m_view;
    QList<double> m_shares;
};

QTableView *makeTable(QAbstractItemModel *model, const QString &name, const QString &accessible,
                      QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setAccessibleName(accessible);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(true);
    view->setTextElideMode(Qt::ElideNone);
    view->setTabKeyNavigation(false);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return view;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QLabel *wrappingLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

CheckAppDialog::CheckAppDialog(ProfileSessionRegistry *sessions, const QString &profileId,
                               QWidget *parent)
    : QDialog(parent), m_profileId(profileId), m_session(sessions->session(profileId, this)),
      m_check(new AppCheck(m_session, this)), m_stepsModel(new CheckStepsModel(m_check, this)),
      m_capabilityModel(new CapabilityModel(m_check, this))
{
    setObjectName(u"checkAppDialog"_s);
    setAttribute(Qt::WA_DeleteOnClose);
    setModal(false);
    setWindowTitle(tr("Check App"));

    m_verdict = wrappingLabel(u"checkVerdict"_s, this);
    QFont big = m_verdict->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_verdict->setFont(big);
    m_appLine = wrappingLabel(u"checkAppLine"_s, this);

    // The checklist, and the selected step's fix and evidence beside it.
    auto *stepIcons = new StepIcons(this);
    stepIcons->setSourceModel(m_stepsModel);
    m_steps = makeTable(stepIcons, u"checkSteps"_s, tr("Checklist"), this);
    new ColumnShares(m_steps, {0.17, 0.22});
    auto *stepDetails = new QWidget(this);
    m_stepTitle = heading({}, stepDetails);
    m_stepTitle->setObjectName(u"stepTitle"_s);
    m_stepTitle->setWordWrap(true);
    m_fix = wrappingLabel(u"stepFix"_s, stepDetails);
    m_evidence = new QPlainTextEdit(stepDetails);
    m_evidence->setObjectName(u"stepEvidence"_s);
    m_evidence->setReadOnly(true);
    m_evidence->setAccessibleName(tr("Evidence"));
    m_evidence->setPlaceholderText(tr("No request was needed for this step."));
    m_evidence->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    auto *detailsLayout = new QVBoxLayout(stepDetails);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_stepTitle);
    detailsLayout->addWidget(m_fix);
    detailsLayout->addWidget(heading(tr("Evidence"), stepDetails));
    detailsLayout->addWidget(m_evidence, 1);
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(u"checkStepsSplitter"_s);
    top->setChildrenCollapsible(false);
    top->addWidget(m_steps);
    // fitChecklist() gives the fix its whole height; the evidence scrolls in what is left.
    m_details = stepDetails;
    stepDetails->setObjectName(u"stepDetails"_s);
    m_evidence->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    top->addWidget(stepDetails);
    top->setStretchFactor(0, 13);
    top->setStretchFactor(1, 7);

    // What Box lets the app do, next to what the user expects.
    auto *capabilities = new QWidget(this);
    auto *highlight = new MismatchHighlight(this);
    highlight->setSourceModel(m_capabilityModel);
    m_capabilities =
        makeTable(highlight, u"capabilityTable"_s, tr("What Box lets the app do"), capabilities);
    new ColumnShares(m_capabilities, {0.20, 0.20, 0.09, 0.12});
    m_restrictions = wrappingLabel(u"restrictions"_s, capabilities);
    m_restrictions->setTextFormat(Qt::RichText);
    m_restrictions->hide();
    auto *capabilityLayout = new QVBoxLayout(capabilities);
    capabilityLayout->setContentsMargins(0, 0, 0, 0);
    capabilityLayout->addWidget(heading(tr("What Box lets the app do"), capabilities));
    capabilityLayout->addWidget(m_capabilities, 1);
    capabilityLayout->addWidget(m_restrictions);

    auto *split = m_split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"checkAppSplitter"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(capabilities);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    m_runAgain = new QPushButton(tr("&Run Again"), this);
    m_runAgain->setObjectName(u"runAgainButton"_s);
    m_copyReport = new QPushButton(tr("Copy &Report"), this);
    m_copyReport->setObjectName(u"copyReportButton"_s);
    m_copyReport->setToolTip(
        tr("Copy every step and request ID as Markdown, for a support ticket (no secrets)"));
    m_openConsole = new QPushButton(tr("Open &Developer Console"), this);
    m_openConsole->setObjectName(u"openDeveloperConsoleButton"_s);
    m_openConsole->setToolTip(tr("Open the app's configuration in the Box Developer Console"));
    m_copyClientId = new QPushButton(tr("Copy Client &ID"), this);
    m_copyClientId->setObjectName(u"copyClientIdButton"_s);
    m_authorize = new QPushButton(tr("&Authorize in Admin Console"), this);
    m_authorize->setObjectName(u"authorizeInAdminConsoleButton"_s);
    m_authorize->setToolTip(tr("Copy the client ID and open the Admin Console's Platform Apps "
                               "Manager, where an admin (re-)authorizes the app"));
    m_close = new QPushButton(tr("Close"), this);
    m_close->setObjectName(u"closeButton"_s);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_runAgain, m_copyReport, m_openConsole, m_copyClientId, m_authorize})
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(m_close);
    for (QPushButton *b :
         {m_runAgain, m_copyReport, m_openConsole, m_copyClientId, m_authorize, m_close})
        b->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict);
    layout->addWidget(m_appLine);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(m_runAgain, &QPushButton::clicked, this, &CheckAppDialog::runAgain);
    connect(m_copyReport, &QPushButton::clicked, this, &CheckAppDialog::copyReport);
    connect(m_openConsole, &QPushButton::clicked, this,
            [this] { BoxPages::openDeveloperConsole(m_check->serviceId()); });
    connect(m_copyClientId, &QPushButton::clicked, this,
            [this] { BoxPages::copyClientId(m_clientId); });
    connect(m_authorize, &QPushButton::clicked, this,
            [this] { BoxPages::openAdminConsole(m_clientId); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    // The selected step's, or the selected capability's, result, fix and evidence.
    connect(m_steps->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                m_capabilityRow = -1;
                m_capabilities->selectionModel()->clear();
                showStep();
            });
    connect(m_capabilities->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                m_capabilityRow = current.row();
                m_steps->selectionModel()->clear();
                showStep();
            });
    connect(m_stepsModel, &QAbstractItemModel::dataChanged, this, [this] {
        showStep();
        m_steps->resizeRowsToContents();
    });
    connect(m_stepsModel, &QAbstractItemModel::modelReset, this, &CheckAppDialog::showStep);
    connect(m_capabilityModel, &QAbstractItemModel::dataChanged, m_capabilities,
            &QTableView::resizeRowsToContents);
    connect(m_check, &AppCheck::finished, this, [this] {
        showProfile(m_check->profile());
        updateHeadline();
        updateButtons();
        selectFirstProblem();
        // Once the rows have their new heights.
        QTimer::singleShot(0, this, &CheckAppDialog::fitChecklist);
    });

    // Big enough for the tables, never bigger than the screen.
    const QRect screen =
        (parent ? parent->screen() : QGuiApplication::primaryScreen())->availableGeometry();
    resize(qMin(1100, screen.width() - 24), qMin(760, screen.height() - 24));

    // The profile edited meanwhile (its client ID fixed, say): the buttons copy what it says
    // now. Removed: nothing is left to check, so its dialog goes.
    ProfileManager *manager = sessions->manager();
    connect(manager, &ProfileManager::profileChanged, this, [this, manager](int row) {
        if (row >= 0 && row < manager->profiles().size() &&
            manager->profiles().at(row).id == m_profileId)
            showProfile(manager->profiles().at(row));
    });
    const auto closeIfRemoved = [this, manager] {
        if (manager->indexOf(m_profileId) < 0)
            close();
    };
    connect(manager, &ProfileManager::profileRemoved, this, closeIfRemoved);
    connect(manager, &ProfileManager::profilesReset, this, closeIfRemoved);

    m_steps->setCurrentIndex(m_steps->model()->index(0, 0));
    m_check->start();
    showProfile(m_check->profile());
    updateHeadline();
    updateButtons();
    showStep();
}

CheckAppDialog::~CheckAppDialog()
{
    // First: the cancel below ends the check, and nothing of this half-destroyed dialog may
    // hear of it. The models reset as the check goes (before the views).
    disconnect(m_check, nullptr, this, nullptr);
    disconnect(m_stepsModel, nullptr, this, nullptr);
    if (m_check->isRunning())
        m_check->cancel();
}

CheckAppDialog *CheckAppDialog::open(ProfileSessionRegistry *sessions, const QString &profileId,
                                     QWidget *parent)
{
    for (CheckAppDialog *dialog : parent->findChildren<CheckAppDialog *>()) {
        if (dialog->profileId() == profileId) {
            dialog->show();
            dialog->raise();
            dialog->activateWindow();
            return dialog;
        }
    }
    auto *dialog = new CheckAppDialog(sessions, profileId, parent);
    dialog->show();
    return dialog;
}

void CheckAppDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (!event->spontaneous())
        QTimer::singleShot(0, this, &CheckAppDialog::fitChecklist);
}

void CheckAppDialog::fitChecklist()
{
    m_steps->resizeRowsToContents();
    int needed = m_steps->horizontalHeader()->height() + 2 * m_steps->frameWidth() + 2;
    for (int row = 0; row < m_stepsModel->rowCount(); ++row)
        needed += m_steps->rowHeight(row);
    // The selected step's title and fix beside it are whole, with a few lines of evidence.
    const int width = m_details->width();
    const int spacing = m_details->layout()->spacing();
    // Up to 8 lines of evidence (a request, its status, request ID and Box's words; more
    // scroll).
    const int evidenceLines = qBound(3, m_evidence->document()->lineCount() + 1, 8);
    const int evidence = evidenceLines * m_evidence->fontMetrics().lineSpacing() +
                         2 * m_evidence->frameWidth() +
                         2 * int(m_evidence->document()->documentMargin());
    needed = qMax(needed, m_stepTitle->heightForWidth(width) + m_fix->heightForWidth(width) +
                              fontMetrics().height() + evidence + 3 * spacing + 4);
    const QList<int> sizes = m_split->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    const int top = qBound(fontMetrics().height() * 10, needed, total * 3 / 5);
    if (total > 0)
        m_split->setSizes({top, total - top});
}

void CheckAppDialog::runAgain()
{
    if (m_check->isRunning())
        return;
    m_check->start();
    showProfile(m_check->profile());
    updateHeadline();
    updateButtons();
    showStep();
}

void CheckAppDialog::copyReport()
{
    QGuiApplication::clipboard()->setText(m_check->toMarkdown());
}

void CheckAppDialog::showProfile(const AppProfile &profile)
{
    if (profile.id != m_profileId)
        return; // the check's profile before its first start, or of a removed profile
    m_clientId = profile.clientId;
    setWindowTitle(tr("Check App — %1").arg(profile.name));
    m_appLine->setText(tr("%1 · %2 · client ID %3")
                           .arg(profile.name, AuthMethods::displayName(profile.method),
                                profile.clientId.isEmpty() ? tr("none") : profile.clientId));
    updateButtons();
}

void CheckAppDialog::updateHeadline()
{
    if (m_check->isRunning()) {
        m_verdict->setText(tr("Checking the app…"));
    } else {
        const QString verdict = m_check->verdict();
        m_verdict->setText(verdict.isEmpty() ? tr("The check did not run") : verdict);
    }
    const QStringList restrictions = m_check->restrictions();
    m_restrictions->setVisible(!restrictions.isEmpty());
    if (!restrictions.isEmpty()) {
        QString html = u"<b>%1</b><ul style=\"margin-top:2px\">"_s.arg(
            tr("Limited Access: what Box does not let this app do").toHtmlEscaped());
        for (const QString &r : restrictions)
            html += u"<li>%1</li>"_s.arg(r.toHtmlEscaped());
        m_restrictions->setText(html + u"</ul>"_s);
    }
}

void CheckAppDialog::updateButtons()
{
    const bool running = m_check->isRunning();
    m_runAgain->setEnabled(!running);
    m_copyReport->setEnabled(!running);
    m_openConsole->setEnabled(!m_check->serviceId().isEmpty());
    m_openConsole->setToolTip(m_check->serviceId().isEmpty()
                                  ? tr("The check has not found the app's Service ID yet")
                                  : BoxPages::developerConsoleUrl(m_check->serviceId()).toString());
    m_copyClientId->setEnabled(!m_clientId.isEmpty());
    m_authorize->setEnabled(!m_clientId.isEmpty());
}

void CheckAppDialog::selectFirstProblem()
{
    const int rows = m_stepsModel->rowCount();
    for (int row = 0; row < rows; ++row) {
        const auto status = CheckStep::Status(
            m_stepsModel->index(row, 0).data(CheckStepsModel::StatusRole).toInt());
        if (status == CheckStep::Status::Failed || status == CheckStep::Status::Warning) {
            m_steps->setCurrentIndex(m_steps->model()->index(row, 0));
            return;
        }
    }
}

void CheckAppDialog::showStep()
{
    showDetails();
    // A longer fix than the last one: the checklist area grows to show it whole.
    if (isVisible() && m_fix->height() < m_fix->heightForWidth(m_fix->width()))
        QTimer::singleShot(0, this, &CheckAppDialog::fitChecklist);
}

void CheckAppDialog::showDetails()
{
    if (m_capabilityRow >= 0 && m_capabilityRow < m_check->capabilities().size()) {
        const Capability &c = m_check->capabilities().at(m_capabilityRow);
        m_stepTitle->setText(c.title);
        const QString cause = CapabilityModel::causeText(c);
        m_fix->setText(tr("You expect: %1. Box says: %2.")
                           .arg(CapabilityModel::expectationText(c.expected),
                                CapabilityModel::verdictText(c.boxSays)) +
                       (cause.isEmpty() ? QString() : u' ' + cause));
        const QString evidence = CheckStepsModel::evidenceText({c.evidence});
        if (m_evidence->toPlainText() != evidence)
            m_evidence->setPlainText(evidence);
        return;
    }
    const QModelIndex current = m_steps->currentIndex();
    const QModelIndex index =
        current.isValid() ? m_stepsModel->index(current.row(), 0) : QModelIndex();
    if (!index.isValid()) {
        m_stepTitle->clear();
        m_fix->clear();
        m_evidence->clear();
        return;
    }
    const QString title =
        m_stepsModel->index(index.row(), CheckStepsModel::TitleColumn).data().toString();
    const QString result =
        m_stepsModel->index(index.row(), CheckStepsModel::ResultColumn).data().toString();
    m_stepTitle->setText(title);
    const QString fix = index.data(CheckStepsModel::FixRole).toString();
    m_fix->setText(fix.isEmpty() ? result : tr("Fix: %1").arg(fix));
    const QString evidence = index.data(CheckStepsModel::EvidenceRole).toString();
    m_evidence->setPlaceholderText(
        CheckStep::Id(index.data(CheckStepsModel::IdRole).toInt()) == CheckStep::Id::Capabilities
            ? tr("Select a row of the table below for its request and Box's answer.")
            : tr("No request was needed for this step."));
    if (m_evidence->toPlainText() != evidence)
        m_evidence->setPlainText(evidence);
}
