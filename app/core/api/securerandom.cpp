#include "core/api/securerandom.h"

#include <openssl/rand.h>

QByteArray SecureRandom::bytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        qFatal("RAND_bytes failed");
    return out;
}

QString SecureRandom::alnum(int length)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    constexpr int n = 62;
    QString out;
    out.reserve(length);
    while (out.size() < length) {
        const QByteArray chunk = bytes(length * 2);
        for (char c : chunk) {
            const auto v = static_cast<unsigned char>(c);
            if (v >= 256 - (256 % n))
                continue;
            out.append(QLatin1Char(alphabet[v % n]));
            if (out.size() == length)
                break;
        }
    }
    return out;
}
