#pragma once

#include "core/authmethod.h"

#include <QByteArray>
#include <QString>

class PrivateKey;

// A Box JWT assertion: header {alg, typ, kid}; claims iss, sub, box_sub_type,
// aud = https://api.box.com/oauth2/token, jti (fresh, from RAND_bytes) and exp (Unix
// seconds, at most 60 s after issue), signed RS256/384/512 with the app's private key.
struct JwtAssertion
{
    static constexpr int MaxLifetimeSeconds = 60;
    static constexpr int DefaultLifetimeSeconds = 30;
    static const char *const Audience;

    QString clientId;
    SubjectType subjectType = SubjectType::Enterprise;
    QString subjectId;
    QString keyId;
    JwtAlgorithm algorithm = JwtAlgorithm::RS256;
    qint64 expiresAt = 0; // Unix seconds
    QString jti;

    // 64 hex characters from 32 bytes of RAND_bytes (Box: 16 to 128 characters).
    static QString newJti();
    // The signed compact JWT; empty and *error set on failure.
    QByteArray sign(const PrivateKey &key, QString *error) const;
};
