// OAuth redirect parsing (ui/oauth/oauthredirect.cpp, compiled in: it is Core + Network only).
// Input: registered URI '\n' candidate URI '\n' code '\n' state '\n' error.
// Properties: an absolute http(s) URI matches itself; whatever code, state and error the
// server sends (percent-encoded) come back from parse() exactly; constantTimeEquals agrees
// with ==.

#include "fuzzsupport.h"

#include "core/oauth/oauthredirect.h"

using namespace Qt::Literals::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    fuzz::Input in(data, size);
    const QUrl registered = QUrl::fromEncoded(in.until('\n'));
    const QUrl candidate = QUrl::fromEncoded(in.until('\n'));
    const QString code = QString::fromUtf8(in.until('\n'));
    const QString state = QString::fromUtf8(in.until('\n'));
    const QString error = QString::fromUtf8(in.rest());

    (void)OAuthRedirect::matches(registered, candidate);
    (void)OAuthRedirect::isLoopbackHost(candidate.host());
    (void)OAuthRedirect::parse(candidate);
    const bool web = registered.scheme() == u"http"_s || registered.scheme() == u"https"_s;
    if (registered.isValid() && web && !registered.host().isEmpty())
        FUZZ_CHECK(OAuthRedirect::matches(registered, registered),
                   registered.toString(QUrl::FullyEncoded));

    QByteArray redirect = "http://127.0.0.1:4711/callback?code=" + QUrl::toPercentEncoding(code) +
                          "&state=" + QUrl::toPercentEncoding(state);
    if (!error.isEmpty())
        redirect += "&error=" + QUrl::toPercentEncoding(error);
    const OAuthRedirect::Params p = OAuthRedirect::parse(QUrl::fromEncoded(redirect));
    FUZZ_CHECK(p.code == code, p.code + u" != "_s + code);
    FUZZ_CHECK(p.hasState && p.state == state, p.state + u" != "_s + state);
    FUZZ_CHECK(p.error == error, p.error + u" != "_s + error);
    FUZZ_CHECK(OAuthRedirect::constantTimeEquals(code, state) == (code == state), code);
    FUZZ_CHECK(OAuthRedirect::constantTimeEquals(state, state), state);
    return 0;
}
