#pragma once

#include <QString>

#include <openssl/types.h>

#include <optional>

// The cost of decrypting an encrypted PKCS#8 key, judged from its encryption parameters before
// any key derivation runs: PBES2 with PBKDF2 or scrypt, and PKCS#5 v1.5 / PKCS#12 PBE
// (PBEParameter). A hostile key can ask for billions of PBKDF2 iterations or gigabytes of
// scrypt memory; PrivateKey refuses those instead of hanging or running out of memory.
struct DecryptionCostProblem
{
    const char *why; // for the log (no key material)
    QString message; // for the user: what the key asks for, the limit, and what to do
};

// The problem with these parameters, or nothing when they are within PrivateKey's limits.
// Parameters that do not parse are left to the decryption, which reports them as unusable.
std::optional<DecryptionCostProblem> decryptionCostProblem(const X509_ALGOR *algorithm);
