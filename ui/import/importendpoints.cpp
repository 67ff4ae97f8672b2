#include "ui/import/importendpoints.h"

#include "core/appprofile.h"

#include <QUrl>

void ImportEndpoints::useBox(AppProfile *profile)
{
    profile->apiBaseUrl = AppProfile::defaultApiBaseUrl();
    profile->oauthBaseUrl = AppProfile::defaultOAuthBaseUrl();
    profile->uploadBaseUrl = AppProfile::defaultUploadBaseUrl();
}
