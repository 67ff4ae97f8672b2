#pragma once

struct AppProfile;

// Where an imported config.json's app is used. A Console config.json names no endpoints: the
// app lives on Box. In sandbox mode the user may import it for the local sandbox instead
// (LocalSandbox::setProfileEndpoints, as the sandbox's own profiles).
namespace ImportEndpoints {
// api.box.com, account.box.com/api/oauth2 and upload.box.com/api.
void useBox(AppProfile *profile);
} // namespace ImportEndpoints
