#pragma once

#include <QString>

namespace boxsandbox {

class World;

// A Skill event's token as the payload carries it.
struct SkillToken
{
    QString accessToken;
    QString restrictedTo; // a JSON array as a string, as in Box's payload
};

struct SkillTokens
{
    SkillToken read, write;
};

// Mints the two real sandbox tokens of one Skill invocation (issue 18): tokens of the Skill's
// app acting as the file's owner, downscoped to the file. The read token holds item_read (GET
// /files/{id} and its content), the write token item_upload and manage_skill_invocations (PUT
// /skill_invocations/{skill_id} and the file's global/boxSkillsCards metadata). Both expire
// after ttlSeconds and name the invocation (TokenRecord::skillInvocation).
SkillTokens mintSkillTokens(World &world, int appIndex, qint64 fileId, const QString &invocationId,
                            int ttlSeconds);

// The scope a write token holds (and a read token lacks).
inline constexpr char16_t ManageSkillInvocationsScope[] = u"manage_skill_invocations";

} // namespace boxsandbox
