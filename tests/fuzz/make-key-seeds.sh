#!/usr/bin/env bash
# Writes the fuzz seeds that hold private keys into OUTDIR/<target>/, made fresh with the
# openssl tool each run: the repository holds no key material, only these recipes (as for the
# test suite, whose keys are generated at test time). Small 512-bit RSA keys and cheap KDF
# settings keep the harnesses fast. Seeds of fuzz_privatekey start with one byte holding the
# passphrase length, then the passphrase, then the PEM text (see fuzz_privatekey.cpp).
# Usage: make-key-seeds.sh OUTDIR
set -euo pipefail
out=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=fuzzpass
keys=$out/fuzz_privatekey
configs=$out/fuzz_configjson
mkdir -p "$keys" "$configs"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:512 -out "$work/pkcs8.pem" 2>/dev/null
openssl rsa -in "$work/pkcs8.pem" -traditional -out "$work/traditional.pem" 2>/dev/null
openssl pkcs8 -topk8 -in "$work/pkcs8.pem" -v2 aes-128-cbc -iter 1 -passout "pass:$pass" \
    -out "$work/pbkdf2.pem"
openssl pkcs8 -topk8 -in "$work/pkcs8.pem" -scrypt -scrypt_N 16 -scrypt_r 1 -scrypt_p 1 \
    -v2 aes-128-cbc -passout "pass:$pass" -out "$work/scrypt.pem"
openssl rsa -in "$work/pkcs8.pem" -traditional -aes128 -passout "pass:$pass" \
    -out "$work/traditional-aes.pem" 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/ec.pem"

# seed NAME PASSPHRASE FILE: the length byte, the passphrase, the PEM text.
seed() {
    {
        printf "\\$(printf '%03o' "${#2}")"
        printf '%s' "$2"
        cat "$3"
    } >"$keys/$1"
}
seed pkcs8-plain "" "$work/pkcs8.pem"
seed traditional-plain "" "$work/traditional.pem"
seed pkcs8-pbkdf2 "$pass" "$work/pbkdf2.pem"
seed pkcs8-scrypt "$pass" "$work/scrypt.pem"
seed traditional-aes "$pass" "$work/traditional-aes.pem"
seed ec-not-rsa "" "$work/ec.pem"
# As pasted from a JSON string: literal "\n" instead of line breaks.
awk '{ printf "%s\\n", $0 }' "$work/pbkdf2.pem" >"$work/escaped.pem"
seed escaped-newlines "$pass" "$work/escaped.pem"

# config.json as the Developer Console writes it, with the key as a JSON string.
config() { # NAME PEMFILE PASSPHRASE SUBJECT_KEY
    local key
    key=$(awk '{ printf "%s\\n", $0 }' "$2")
    cat >"$configs/$1" <<EOF
{
  "boxAppSettings": {
    "clientID": "abc123clientid",
    "clientSecret": "s3cretvalue",
    "appAuth": {
      "publicKeyID": "kid42",
      "privateKey": "$key",
      "passphrase": "$3"
    }
  },
  "$4": "1234567"
}
EOF
}
config jwt-plain.json "$work/pkcs8.pem" "" enterpriseID
config jwt-user.json "$work/traditional-aes.pem" "$pass" userID
config jwt-encrypted.json "$work/pbkdf2.pem" "$pass" enterpriseID
