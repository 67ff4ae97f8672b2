#pragma once

#include <QString>

namespace boxsandbox {

class World;

struct JwtVerdict
{
    bool ok = false;
    QString error;       // OAuth2Error "error"
    QString description; // OAuth2Error "error_description"
    int appIndex = -1;
    qint64 userId = 0; // Service Account (box_sub_type enterprise) or the user
};

// Checks a JWT bearer assertion the way Box does, in Box's order: structure/alg, iss, client
// credentials, authorization, aud, sub/box_sub_type, kid, signature, exp, jti. A successful
// check records the jti so that it can never be used again.
JwtVerdict verifyJwtAssertion(World &world, const QString &assertion, const QString &clientId,
                              const QString &clientSecret);

} // namespace boxsandbox
