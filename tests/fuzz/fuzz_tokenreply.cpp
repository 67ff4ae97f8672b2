// Token endpoint replies: TokenReply::parse (every grant and token exchange use it) and
// Authenticator::parseTokenResponse over any 200 body. Input: byte 0 says whether a refresh
// token is required, the rest is the body. Properties: an accepted reply has a token and an
// expiry after now and at most TokenReply::MaxLifetimeSeconds away (expires_in such as 1e300,
// NaN or a negative number is an invalid reply, not a token that never expires); a refused
// reply says why; no undefined behaviour on any number; both entry points agree.

#include "fuzzsupport.h"

#include "core/api/authenticator.h"
#include "core/api/tokenreply.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace {
// parseTokenResponse is protected: the narrowest way in without a network.
struct TokenReplyProbe : Authenticator
{
    using Authenticator::parseTokenResponse;
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    fuzz::Input in(data, size);
    const bool refreshRequired = in.byte() & 1;
    ApiResult result;
    result.status = 200;
    result.body = in.rest();
    result.attempts = 1;

    const QDateTime now = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC);
    QString problem;
    const std::optional<AccessToken> parsed = TokenReply::parse(
        QJsonDocument::fromJson(result.body).object(), refreshRequired, now, &problem);
    if (parsed) {
        FUZZ_CHECK(!parsed->value.isEmpty(), QStringLiteral("accepted without a token"));
        FUZZ_CHECK(!refreshRequired || !parsed->refreshToken.isEmpty(),
                   QStringLiteral("accepted without the required refresh token"));
        FUZZ_CHECK(parsed->expiresAt.isValid() && parsed->expiresAt >= now &&
                       parsed->expiresAt <= now.addSecs(TokenReply::MaxLifetimeSeconds),
                   parsed->expiresAt.toString(Qt::ISODate));
    } else {
        FUZZ_CHECK(!problem.isEmpty(), QStringLiteral("refused without saying why"));
    }

    const QDateTime before = QDateTime::currentDateTimeUtc();
    AccessToken token;
    BoxError error;
    const bool ok = TokenReplyProbe::parseTokenResponse(result, &token, &error, refreshRequired);
    FUZZ_CHECK(ok == parsed.has_value(), problem);
    if (ok) {
        FUZZ_CHECK(!token.value.isEmpty(), QStringLiteral("accepted without a token"));
        FUZZ_CHECK(!refreshRequired || !token.refreshToken.isEmpty(),
                   QStringLiteral("accepted without the required refresh token"));
        FUZZ_CHECK(token.expiresAt.isValid(), QStringLiteral("invalid expiry"));
        FUZZ_CHECK(token.expiresAt >= before,
                   u"expiry %1 is before %2"_s.arg(token.expiresAt.toString(Qt::ISODate),
                                                   before.toString(Qt::ISODate)));
    } else {
        FUZZ_CHECK(error.isError(), QStringLiteral("refused without an error"));
        FUZZ_CHECK(!error.summary().isEmpty() || !error.detail.isEmpty(), QString());
    }
    return 0;
}
