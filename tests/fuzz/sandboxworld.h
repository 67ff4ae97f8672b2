#pragma once

// A small seeded sandbox world, built once per harness process (seeding generates RSA keys),
// with fixed bearer tokens the seed corpus uses: "fuzztoken0".."fuzztoken4" for each app's
// Service Account (apps in seed order: JWT, CCG, OAuth, Limited Access, unauthorized JWT; then
// "fuzztoken5"/"fuzztoken6" for the stale-settings and wrong-key JWT apps) and
// "fuzzdemo" for the demo user through the OAuth app.

#include "sandbox/world.h"

#include <cstdio>
#include <cstdlib>

namespace fuzz {

inline const boxsandbox::World &seededWorld()
{
    static const boxsandbox::World world = [] {
        SandboxOptions options;
        options.seed = QStringLiteral("demo");
        options.users = 4;
        options.randomSeed = 7;
        boxsandbox::World w;
        QString error;
        if (!w.seed(options, &error)) {
            std::fprintf(stderr, "seeding failed: %s\n", qPrintable(error));
            std::abort();
        }
        w.baseUrl = QStringLiteral("http://127.0.0.1:4711");
        const qint64 expires = w.now() + 10LL * 365 * 24 * 3600;
        for (int i = 0; i < w.apps().size(); ++i) {
            boxsandbox::TokenRecord t;
            t.appIndex = i;
            t.userId = w.serviceAccountOf(i);
            t.expiresAt = expires;
            w.addToken(QStringLiteral("fuzztoken%1").arg(i), t);
        }
        boxsandbox::TokenRecord demo;
        demo.appIndex = w.appByName(QStringLiteral("Sandbox OAuth App"));
        demo.userId = w.demoUserId();
        demo.expiresAt = expires;
        w.addToken(QStringLiteral("fuzzdemo"), demo);
        return w;
    }();
    return world;
}

} // namespace fuzz
