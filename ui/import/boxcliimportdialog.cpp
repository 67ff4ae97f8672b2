#include "ui/import/boxcliimportdialog.h"

#include "core/profilemanager.h"
#include "ui/dialogfit.h"
#include "ui/inspector/statuscolours.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
QString bulleted(const QStringList &lines)
{
    QStringList out;
    for (const QString &line : lines)
        out.append(u"• "_s + line);
    return out.join(u'\n');
}

QLabel *wrappedLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

BoxCliImportDialog::BoxCliImportDialog(ProfileManager *manager, QWidget *parent)
    : QDialog(parent), m_manager(manager), m_status(new QLabel(this)), m_list(new QVBoxLayout),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_unlock(new QPushButton(tr("Unlock keyring…"), this))
{
    setObjectName(u"boxCliImportDialog"_s);
    setWindowTitle(tr("Import from Box CLI"));

    auto *intro = new QLabel(
        tr("Box CLI's environments on this computer. Tick the ones to add as Box apps; nothing "
           "is saved until you click Import. Secrets go to Box Companion's own keychain entries; "
           "Box CLI's files and entries are left as they are."),
        this);
    intro->setWordWrap(true);
    m_status->setObjectName(u"boxCliStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setText(tr("Looking for Box CLI's environments…"));
    m_unlock->setObjectName(u"boxCliUnlockButton"_s);
    m_unlock->setToolTip(tr("Ask the keyring for its password (its own prompt), then read Box "
                            "CLI's secure storage again"));
    m_unlock->hide();
    connect(m_unlock, &QPushButton::clicked, this, &BoxCliImportDialog::unlockKeyring);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_unlock, 0, Qt::AlignTop);

    auto *listWidget = new QWidget;
    auto *listOuter = new QVBoxLayout(listWidget);
    listOuter->addLayout(m_list);
    listOuter->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"boxCliEnvironments"_s);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setWidget(listWidget);

    m_import = m_buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(u"boxCliImportButton"_s);
    m_import->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"boxCliCancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(statusRow);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_buttons);
    resize(720, 540);
}

void BoxCliImportDialog::clearList()
{
    while (QLayoutItem *item = m_list->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_candidates.clear();
    m_checks.clear();
    m_takeOvers.clear();
    m_addedAs.clear();
}

void BoxCliImportDialog::unlockKeyring()
{
    if (!m_unlocker)
        m_unlocker = new BoxCliReader(this);
    m_unlock->setEnabled(false);
    m_status->setText(tr("Waiting for the keyring to be unlocked…"));
    m_unlocker->unlockKeyring(m_lockedItems, [this](bool unlocked, const QString &message) {
        m_unlock->setEnabled(true);
        if (unlocked) {
            clearList();
            m_unlock->hide();
            m_status->setText(tr("Looking for Box CLI's environments…"));
            updateImportButton();
            Q_EMIT rescanRequested();
            return;
        }
        m_status->setText(m_scanStatus + u'\n' + message);
    });
}

void BoxCliImportDialog::setScan(const BoxCliScan &scan)
{
    clearList();
    m_lockedItems = scan.lockedItems;
    m_unlock->setVisible(!m_lockedItems.isEmpty());
    QStringList status;
    if (!scan.error.isEmpty())
        status.append(scan.error);
    else
        status.append((scan.candidates.size() == 1 ? tr("Found 1 environment in %1.")
                                                   : tr("Found %n environments in %1.", nullptr,
                                                        int(scan.candidates.size())))
                          .arg(scan.source));
    status.append(scan.storageNotes);
    m_scanStatus = status.join(u'\n');
    m_status->setText(m_scanStatus);
    QStringList reserved; // "added as" names of the environments above
    for (qsizetype i = 0; i < scan.candidates.size(); ++i) {
        const BoxCliCandidate &candidate = scan.candidates.at(i);
        QString sameAs; // an importable environment above with the same app
        for (qsizetype j = 0; j < i && sameAs.isEmpty() && candidate.importable(); ++j) {
            const BoxCliCandidate &earlier = scan.candidates.at(j);
            if (earlier.importable() && candidate.sameAppAs(earlier.profile))
                sameAs = earlier.environmentName;
        }
        QString addedAs;
        if (candidate.importable()) {
            addedAs = freeName(candidate.profile.name, reserved);
            reserved.append(addedAs);
        }
        addCandidate(candidate, sameAs, addedAs);
    }
    updateImportButton();
    DialogFit::growToFit(this);
}

QString BoxCliImportDialog::freeName(const QString &base, const QStringList &reserved) const
{
    QString name = base;
    for (int n = 2; m_manager->uniqueName(name) != name || reserved.contains(name); ++n)
        name = u"%1 (%2)"_s.arg(base).arg(n);
    return name;
}

bool BoxCliImportDialog::alreadyImported(const BoxCliCandidate &candidate) const
{
    for (const AppProfile &profile : m_manager->profiles()) {
        if (candidate.sameAppAs(profile))
            return true;
    }
    return false;
}

void BoxCliImportDialog::addCandidate(const BoxCliCandidate &candidate, const QString &sameAs,
                                      const QString &addedAs)
{
    const QString name = candidate.environmentName;
    const bool existing = candidate.importable() && alreadyImported(candidate);

    auto *frame = new QFrame;
    frame->setObjectName(u"boxCliEnvironment_"_s + name);
    frame->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(frame);

    QString title = candidate.isDefault ? tr("%1 (Box CLI's default)").arg(name) : name;
    if (existing)
        title = tr("%1 — already in Box Companion").arg(title);
    else if (!sameAs.isEmpty())
        title = tr("%1 — same app as %2").arg(title, sameAs);
    auto *check = new QCheckBox(title, frame);
    check->setObjectName(u"boxCliCheck_"_s + name);
    check->setChecked(candidate.importable() && !existing && sameAs.isEmpty());
    check->setEnabled(candidate.importable());
    QFont bold = check->font();
    bold.setBold(true);
    check->setFont(bold);
    connect(check, &QCheckBox::toggled, this, &BoxCliImportDialog::updateImportButton);
    layout->addWidget(check);

    QStringList summary{candidate.methodText};
    if (!candidate.profile.clientId.isEmpty())
        summary.append(tr("client ID %1").arg(candidate.profile.clientId));
    if (candidate.importable())
        summary.append(tr("added as \"%1\"").arg(addedAs));
    layout->addWidget(wrappedLabel(summary.join(u" · "_s), u"boxCliSummary_"_s + name, frame));

    if (!candidate.imports.isEmpty())
        layout->addWidget(wrappedLabel(tr("Will import:\n%1").arg(bulleted(candidate.imports)),
                                       u"boxCliImports_"_s + name, frame));
    if (!candidate.problems.isEmpty()) {
        auto *problems =
            wrappedLabel(tr("Cannot be imported:\n%1").arg(bulleted(candidate.problems)),
                         u"boxCliProblems_"_s + name, frame);
        // A red with at least 4.5:1 contrast on this palette (light or dark).
        QPalette palette = problems->palette();
        palette.setColor(QPalette::WindowText, StatusColours::forStatus(500, palette));
        problems->setPalette(palette);
        layout->addWidget(problems);
    }
    if (!candidate.notes.isEmpty())
        layout->addWidget(wrappedLabel(bulleted(candidate.notes), u"boxCliNotes_"_s + name, frame));

    QCheckBox *takeOver = nullptr;
    if (candidate.canTakeOverSignIn()) {
        // Box refresh tokens are single-use: whichever tool refreshes second is refused.
        takeOver = new QCheckBox(
            tr("Take over Box CLI's sign-in (valid until %1)")
                .arg(QLocale().toString(
                    QDateTime::fromMSecsSinceEpoch(candidate.cachedSignInExpiresAtMs).date(),
                    QLocale::ShortFormat)),
            frame);
        takeOver->setObjectName(u"boxCliTakeOver_"_s + name);
        takeOver->setChecked(false);
        takeOver->setEnabled(check->isChecked());
        connect(check, &QCheckBox::toggled, takeOver, &QWidget::setEnabled);
        layout->addWidget(takeOver);
        const bool plainName = QRegularExpression(u"^[A-Za-z0-9._@-]+$"_s).match(name).hasMatch();
        const QString quoted = plainName ? name : u"\"%1\""_s.arg(name);
        auto *warning = wrappedLabel(
            tr("Box refresh tokens work only once, so afterwards only one of Box CLI and Box "
               "Companion stays signed in: whichever refreshes second is refused. To sign Box CLI "
               "in again, run:\nbox login --name %1 --reauthorize\nLeft unticked, Box CLI stays "
               "signed in and you sign in in Box Companion after the import.")
                .arg(quoted),
            u"boxCliTakeOverNote_"_s + name, frame);
        warning->setIndent(takeOver->style()->pixelMetric(QStyle::PM_IndicatorWidth) +
                           takeOver->style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing));
        layout->addWidget(warning);
    }

    m_list->addWidget(frame);
    m_candidates.append(candidate);
    m_checks.append(check);
    m_takeOvers.append(takeOver);
    m_addedAs.append(addedAs);
}

QList<BoxCliCandidate> BoxCliImportDialog::selectedCandidates() const
{
    QList<BoxCliCandidate> selected;
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        if (!m_checks.at(i)->isChecked() || !m_candidates.at(i).importable())
            continue;
        BoxCliCandidate candidate = m_candidates.at(i);
        candidate.profile.name = m_addedAs.at(i);
        if (m_takeOvers.at(i) && m_takeOvers.at(i)->isChecked())
            candidate.secrets = candidate.secretsTakingOverSignIn();
        selected.append(candidate);
    }
    return selected;
}

void BoxCliImportDialog::updateImportButton()
{
    m_import->setEnabled(!selectedCandidates().isEmpty());
}
