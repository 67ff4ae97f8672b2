#include "core/api/appusercreator.h"

#include "core/api/apilogging.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"

#include <QJsonArray>
#include <QPointer>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
struct Job
{
    QPointer<BoxClient> client;
    QJsonObject body;
    QString asUser;
    QString externalId;
    QPointer<QObject> context;
    std::function<void(const AppUserCreator::Outcome &)> done;
    bool checked = false; // one lookup + one more create at most
};

void finish(const std::shared_ptr<Job> &job, const AppUserCreator::Outcome &outcome)
{
    if (job->context)
        job->done(outcome);
}

void post(const std::shared_ptr<Job> &job);

void lookUp(const std::shared_ptr<Job> &job, const ApiResult &ambiguous)
{
    QUrlQuery q;
    q.addQueryItem(u"external_app_user_id"_s, job->externalId);
    q.addQueryItem(u"fields"_s, u"id,type,name,login,external_app_user_id"_s);
    job->client->get(u"/users"_s, q, job->asUser)
        ->onFinished(job->client.data(), [job, ambiguous](const ApiResult &r) {
            if (!r.ok()) {
                // Still unknown whether the first create happened: report the ambiguity.
                finish(job, {ambiguous, {}, false});
                return;
            }
            const QJsonArray entries = r.json().value(u"entries"_s).toArray();
            if (!entries.isEmpty()) {
                qCInfo(lcApi) << "the interrupted create had happened; using that user";
                finish(job, {r, entries.first().toObject(), true});
                return;
            }
            qCInfo(lcApi) << "the interrupted create had not happened; creating again";
            post(job);
        });
}

void post(const std::shared_ptr<Job> &job)
{
    if (!job->client) {
        finish(job, {});
        return;
    }
    job->client->post(u"/users"_s, job->body, job->asUser)
        ->onFinished(job->client.data(), [job](const ApiResult &r) {
            if (r.ok()) {
                finish(job, {r, r.json(), false});
                return;
            }
            if (r.error.maybeApplied && !job->externalId.isEmpty() && !job->checked) {
                job->checked = true;
                lookUp(job, r);
                return;
            }
            finish(job, {r, {}, false});
        });
}
} // namespace

void AppUserCreator::create(BoxClient *client, QJsonObject body, const QString &asUser,
                            QObject *context, std::function<void(const Outcome &)> done)
{
    body.insert(u"is_platform_access_only"_s, true);
    auto job = std::make_shared<Job>();
    job->client = client;
    job->externalId = body.value(u"external_app_user_id"_s).toString();
    job->body = std::move(body);
    job->asUser = asUser;
    job->context = context;
    job->done = std::move(done);
    post(job);
}
