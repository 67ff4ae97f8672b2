// World's Box Skill records (issue 18): kept, journaled and seeded like webhooks.
#include "sandbox/world.h"

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

const SkillRecord *World::skill(qint64 id) const
{
    for (const SkillRecord &s : m_skills) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

const SkillRecord &World::addSkill(SkillRecord s)
{
    m_nextSkillId += 1 + m_rng.bounded(7);
    s.id = m_nextSkillId;
    s.createdAt = now();
    m_skills.append(s);
    record(WorldChange::Kind::Skill, s.id);
    return m_skills.last();
}

bool World::updateSkill(const SkillRecord &s)
{
    for (SkillRecord &r : m_skills) {
        if (r.id == s.id) {
            r = s;
            record(WorldChange::Kind::Skill, s.id);
            return true;
        }
    }
    return false;
}

bool World::removeSkill(qint64 id)
{
    if (!m_skills.removeIf([id](const SkillRecord &s) { return s.id == id; }))
        return false;
    record(WorldChange::Kind::Skill, id);
    return true;
}

// The demo world's Skill: "Sandbox Transcriber" on the folder "Skills inbox" of the JWT app's
// Service Account, calling a Skill service on this computer (port 8765). Its api_key is the
// JWT app's client id: the sandbox has no Custom Skill app of its own, so the event is signed
// with that app's webhook signature keys.
void World::seedDemoSkill()
{
    const int app = appByName(u"Sandbox JWT App"_s);
    const qint64 owner = app >= 0 ? serviceAccountOf(app) : 0;
    if (owner == 0)
        return;
    const qint64 folderId = addFolder(owner, 0, u"Skills inbox"_s, owner).id;
    SkillRecord s;
    s.name = u"Sandbox Transcriber"_s;
    s.clientId = m_apps.at(app).app.clientId;
    s.invocationUrl = u"http://127.0.0.1:8765/skill"_s;
    s.folderIds = {folderId};
    addSkill(s);
}

} // namespace boxsandbox
