#include "ui/import/importresults.h"

QString ImportResults::sentence(const Entry &entry) const
{
    if (m_source == Source::BoxCliEnvironments) {
        switch (entry.outcome) {
        case Outcome::Imported:
            return tr("Imported Box CLI environment %1 as \"%2\"")
                .arg(entry.source, entry.profileName);
        case Outcome::Updated:
            return tr("Updated \"%1\" from Box CLI environment %2")
                .arg(entry.profileName, entry.source);
        case Outcome::Failed:
            return tr("Box CLI environment %1 was not imported; nothing was saved")
                .arg(entry.source);
        case Outcome::Skipped:
            return tr("Box CLI environment %1 was not imported").arg(entry.source);
        }
        return {};
    }
    switch (entry.outcome) {
    case Outcome::Imported:
        return tr("Imported \"%1\" from %2").arg(entry.profileName, entry.source);
    case Outcome::Updated:
        return tr("Updated \"%1\" from %2").arg(entry.profileName, entry.source);
    case Outcome::Failed:
        return tr("%1 was not imported; nothing was saved").arg(entry.source);
    case Outcome::Skipped:
        return tr("%1 was not imported: you cancelled its preview").arg(entry.source);
    }
    return {};
}

QString ImportResults::line(const Entry &entry)
{
    switch (entry.outcome) {
    case Outcome::Imported:
        return tr("%1: imported as \"%2\"").arg(entry.source, entry.profileName);
    case Outcome::Updated:
        return tr("%1: updated \"%2\"").arg(entry.source, entry.profileName);
    case Outcome::Skipped:
        return tr("%1: not imported (preview cancelled)").arg(entry.source);
    case Outcome::Failed:
        break;
    }
    return {};
}

int ImportResults::count(Outcome outcome) const
{
    int n = 0;
    for (const Entry &e : m_entries)
        n += e.outcome == outcome ? 1 : 0;
    return n;
}

MessageBanner::Kind ImportResults::kind() const
{
    if (count(Outcome::Failed) > 0)
        return MessageBanner::Kind::Error;
    if (count(Outcome::Skipped) > 0)
        return MessageBanner::Kind::Warning;
    return MessageBanner::Kind::Info;
}

QString ImportResults::title() const
{
    if (m_entries.size() == 1)
        return sentence(m_entries.first());
    const int saved = count(Outcome::Imported) + count(Outcome::Updated);
    const int total = int(m_entries.size());
    if (m_source == Source::BoxCliEnvironments) {
        if (saved == total)
            return tr("All %n Box CLI environments were imported", nullptr, total);
        if (saved == 0)
            return tr("None of the %n Box CLI environments was imported; nothing was saved",
                      nullptr, total);
        return tr("%1 of %n Box CLI environments imported; nothing was saved from the rest",
                  nullptr, total)
            .arg(saved);
    }
    if (saved == total)
        return tr("All %n files were imported", nullptr, total);
    if (saved == 0)
        return tr("None of the %n files was imported; nothing was saved", nullptr, total);
    return tr("%1 of %n files imported; nothing was saved from the rest", nullptr, total)
        .arg(saved);
}

QStringList ImportResults::details() const
{
    if (m_entries.size() == 1)
        return m_entries.first().errors;
    QStringList out;
    for (const Entry &entry : m_entries) {
        if (entry.outcome != Outcome::Failed) {
            out.append(line(entry));
            continue;
        }
        for (const QString &error : entry.errors)
            out.append(tr("%1: %2").arg(entry.source, error));
    }
    return out;
}
