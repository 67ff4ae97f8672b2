// Paging replies: CollectionPager reading /users over canned pages (no network), and
// AppUserRow::fromJson on every entry. Input: byte 0 picks the mode and page size, then page
// bodies separated by NUL bytes. When the pages run out the server repeats the last one in
// marker mode (a marker that never changes) and answers an empty page in offset mode.
// Properties: the pager finishes, exactly once, within the pages given plus one (plus one
// dropped early request per page whose raw next_marker misled the look-ahead); the items it
// counts are the entries it delivered; an app-user row read from any entry survives
// toJson -> fromJson unchanged.

#include "appuserrowtext.h"
#include "cannednetwork.h"
#include "fuzzsupport.h"

#include "core/api/boxclient.h"
#include "core/api/collectionpager.h"
#include "core/api/fixedtokenauth.h"
#include "core/appusers/appuserrow.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace {

void checkRow(const QJsonValue &entry)
{
    const AppUserRow row = AppUserRow::fromJson(entry.toObject());
    const AppUserRow again = AppUserRow::fromJson(row.toJson());
    FUZZ_CHECK(describeRow(row) == describeRow(again),
               describeRow(row) + u" -> "_s + describeRow(again));
    (void)row.createdAtIso();
    (void)AppUserRow::statusFromName(AppUserRow::statusName(row.status));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    fuzz::Input in(data, size);
    const quint8 control = in.byte();
    const QList<QByteArray> pages = in.rest().split('\0');
    const auto mode = CollectionPager::Mode(control % 3);

    bool markerMode = false;
    fuzz::CannedNetwork network([&](int n, const QNetworkRequest &) {
        if (n < pages.size())
            return pages.at(n);
        return markerMode ? pages.last() : QByteArray(R"({"entries":[],"total_count":0})");
    });
    AppProfile profile;
    profile.method = AuthMethod::DeveloperToken;
    profile.apiBaseUrl = QUrl(u"http://127.0.0.1:9"_s);
    BoxClient client(profile, &network);
    client.setPacer(nullptr);
    RetryPolicy once; // one request per page, so the request count is the page count
    once.maxAttempts = 1;
    client.setRetryPolicy(once);
    client.setAuthenticator(new DeveloperTokenAuthenticator(&client, u"fuzz-developer-token"_s,
                                                            QDateTime::currentDateTimeUtc()));

    QUrlQuery query;
    if (control & 0x80)
        query.addQueryItem(u"filter_term"_s, u"a"_s);
    CollectionPager pager(&client, u"/users"_s, query);
    pager.setMode(mode);
    pager.setPageSize(1 + (control >> 2) % 8);
    markerMode = pager.effectiveMode() == CollectionPager::Mode::Marker;

    int finishedCount = 0;
    qint64 delivered = 0;
    QObject::connect(&pager, &CollectionPager::pageReceived, [&](const QJsonArray &entries) {
        delivered += entries.size();
        for (const QJsonValue &e : entries)
            checkRow(e);
    });
    QObject::connect(&pager, &CollectionPager::finished,
                     [&](const ApiResult &) { ++finishedCount; });
    pager.start();
    // One request per page plus the last one, and per page at most one early request for
    // the page after it that its parsed next_marker then contradicted (dropped, asked again).
    const int maxRequests = 2 * int(pages.size()) + 1;
    fuzz::spinUntil([&] { return finishedCount > 0 || network.requestCount() > maxRequests; },
                    10000);
    FUZZ_CHECK(finishedCount == 1,
               u"pager still running after %1 requests for %2 pages"_s.arg(network.requestCount())
                   .arg(pages.size()));
    FUZZ_CHECK(network.requestCount() <= maxRequests,
               u"%1 requests for %2 pages"_s.arg(network.requestCount()).arg(pages.size()));
    FUZZ_CHECK(pager.itemCount() == delivered,
               u"counted %1, delivered %2"_s.arg(pager.itemCount()).arg(delivered));
    return 0;
}
