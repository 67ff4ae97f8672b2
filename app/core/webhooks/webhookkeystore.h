#pragma once

#include "core/secretstore.h"
#include "core/webhooks/webhooksignature.h"

#include <functional>

class QObject;

// A profile's webhook signature keys in the keychain (SecretStore entries
// "<profileId>/webhook-primary-key" and ".../webhook-secondary-key"), like the profile's other
// secrets: never in settings, logs or files. Removing the profile deletes them.
namespace WebhookKeyStore {
using ReadCallback = std::function<void(const WebhookKeys &keys, const QString &error)>;

void read(SecretStore *store, const QString &profileId, QObject *context, ReadCallback done);
// Writes the keys that differ from `before` (what was read or last saved); an empty key
// deletes its entry. A kind that did not change is not touched, so a key the editor never
// showed (e.g. after a failed read) cannot be deleted by a save.
void write(SecretStore *store, const QString &profileId, const WebhookKeys &before,
           const WebhookKeys &after, QObject *context, SecretStore::DoneCallback done);
} // namespace WebhookKeyStore
