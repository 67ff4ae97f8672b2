#pragma once

#include <QByteArray>
#include <QString>

// Randomness for anything an attacker must not guess (JWT jti, OAuth state), from OpenSSL's
// CSPRNG (RAND_bytes). Never QRandomGenerator for these.
namespace SecureRandom {
QByteArray bytes(int count);
// `length` characters of [A-Za-z0-9], without modulo bias.
QString alnum(int length);
} // namespace SecureRandom
