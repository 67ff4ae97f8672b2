#include "ui/content/fileskillcardspanel.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/skills/skillcard.h"
#include "core/skills/skillrequests.h"
#include "ui/content/contentlogging.h"
#include "ui/content/fileerror.h"
#include "ui/skills/skillcardsview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
// Box's answer when the file has no boxSkillsCards instance.
bool noCards(const ApiResult &result)
{
    return result.status == 404 && result.error.code == u"instance_not_found"_s;
}
} // namespace

FileSkillCardsPanel::FileSkillCardsPanel(QWidget *parent)
    : QWidget(parent), m_delay(new QTimer(this)), m_file(new QLabel(this)),
      m_status(new QLabel(this)), m_refresh(new QPushButton(this)), m_scroll(new QScrollArea(this)),
      m_cards(new SkillCardsView)
{
    setObjectName(u"fileSkillCardsPanel"_s);
    setAccessibleName(tr("Skills cards of the selected file"));

    m_delay->setSingleShot(true);
    m_delay->setInterval(150);
    connect(m_delay, &QTimer::timeout, this, &FileSkillCardsPanel::read);

    auto *title = new QLabel(tr("<b>Skills cards</b>"), this);
    title->setObjectName(u"fileSkillCardsTitle"_s);
    title->setToolTip(tr("The cards Box Skills wrote on the file (its global/boxSkillsCards "
                         "metadata), as the Box web app shows them beside a file preview"));

    m_refresh->setObjectName(u"refreshSkillCardsButton"_s);
    m_refresh->setText(tr("Refresh"));
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refresh->setToolTip(tr("Read the file's Skills cards again"));
    m_refresh->setAccessibleName(tr("Refresh Skills cards"));
    connect(m_refresh, &QPushButton::clicked, this, &FileSkillCardsPanel::refresh);

    m_file->setObjectName(u"fileSkillCardsFile"_s);
    m_file->setWordWrap(true);
    m_file->setTextFormat(Qt::PlainText); // a file name is never markup
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_status->setObjectName(u"fileSkillCardsStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    m_cards->setObjectName(u"skillCardsView"_s);
    m_scroll->setObjectName(u"fileSkillCardsScroll"_s);
    m_scroll->setWidget(m_cards);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->hide();

    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch();
    header->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_file);
    layout->addWidget(m_status);
    layout->addWidget(m_scroll, 1);
    layout->addStretch(0);
    setMinimumWidth(240);
    m_refresh->setEnabled(false);
}

FileSkillCardsPanel::~FileSkillCardsPanel()
{
    cancel();
}

void FileSkillCardsPanel::setClient(BoxClient *client, const QString &asUserId)
{
    cancel();
    m_client = client;
    m_asUser = asUserId;
    const QString id = m_fileId;
    m_fileId.clear(); // the same file through another client is read again
    setFile(id, m_fileName);
}

void FileSkillCardsPanel::setFile(const QString &fileId, const QString &fileName)
{
    if (fileId == m_fileId && !fileId.isEmpty()) {
        m_fileName = fileName;
        m_file->setText(fileName);
        return;
    }
    cancel();
    m_fileId = fileId;
    m_fileName = fileName;
    m_file->setText(fileName);
    m_cards->setCards({});
    m_scroll->hide();
    m_refresh->setEnabled(!fileId.isEmpty() && m_client);
    if (fileId.isEmpty() || !m_client) {
        m_status->hide();
        return;
    }
    showStatus(tr("Reading the Skills cards…"));
    m_delay->start();
}

bool FileSkillCardsPanel::isReading() const
{
    return m_delay->isActive() || m_reply;
}

void FileSkillCardsPanel::refresh()
{
    if (m_fileId.isEmpty() || !m_client)
        return;
    cancel();
    showStatus(tr("Reading the Skills cards…"));
    read();
}

void FileSkillCardsPanel::cancel()
{
    m_delay->stop();
    ++m_generation;
    if (ApiReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->abort();
    }
}

void FileSkillCardsPanel::read()
{
    if (m_fileId.isEmpty() || !m_client)
        return;
    const quint64 generation = ++m_generation;
    ApiReply *reply = SkillRequests::getCards(m_client, m_asUser, m_fileId);
    m_reply = reply;
    reply->onFinished(this, [this, generation](const ApiResult &result) {
        if (generation != m_generation)
            return; // another file was selected meanwhile, or Refresh started over
        m_reply = nullptr;
        onRead(result);
    });
}

void FileSkillCardsPanel::onRead(const ApiResult &result)
{
    if (noCards(result)) {
        showStatus(tr("No Skills cards on this file."));
        return;
    }
    if (!result.ok()) {
        qCInfo(lcContent) << "could not read the Skills cards of file" << m_fileId
                          << result.error.summary();
        showStatus(tr("Could not read the Skills cards.") + u'\n' +
                   FileError::text(result.error, guidanceContextOf(m_client)));
        return;
    }
    QStringList problems;
    const QList<SkillCard> cards = SkillCards::fromMetadata(result.json(), &problems);
    if (cards.isEmpty() && problems.isEmpty()) {
        showStatus(tr("No Skills cards on this file."));
        return;
    }
    if (problems.isEmpty()) {
        m_status->hide();
    } else {
        showStatus(tr("Some cards could not be shown:") + u'\n' + problems.join(u'\n'));
    }
    m_cards->setCards(cards);
    m_scroll->setVisible(!cards.isEmpty());
}

void FileSkillCardsPanel::showStatus(const QString &text)
{
    m_status->setText(text);
    m_status->show();
}
