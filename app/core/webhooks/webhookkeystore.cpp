#include "core/webhooks/webhookkeystore.h"

void WebhookKeyStore::read(SecretStore *store, const QString &profileId, QObject *context,
                           ReadCallback done)
{
    store->readSecrets(
        profileId, SecretKinds::webhookKeys(), context,
        [done = std::move(done)](const ProfileSecrets &secrets, const QString &error) {
            done({secrets.webhookPrimaryKey, secrets.webhookSecondaryKey}, error);
        });
}

void WebhookKeyStore::write(SecretStore *store, const QString &profileId, const WebhookKeys &before,
                            const WebhookKeys &after, QObject *context,
                            SecretStore::DoneCallback done)
{
    SecretChanges changes;
    if (after.primary != before.primary)
        changes.insert(SecretKind::WebhookPrimaryKey, after.primary);
    if (after.secondary != before.secondary)
        changes.insert(SecretKind::WebhookSecondaryKey, after.secondary);
    store->applyChanges(profileId, changes, context, std::move(done));
}
