#pragma once

#include "ui/messagebanner.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// What became of each source of one import (the config.json files dropped or chosen together,
// or the Box CLI environments ticked together), so every source gets its own line instead of
// the last one overwriting the others.
class ImportResults
{
    Q_DECLARE_TR_FUNCTIONS(ImportResults)

public:
    enum class Source
    {
        ConfigFiles,        // each entry's source is a config.json file name
        BoxCliEnvironments, // each entry's source is a Box CLI environment name
    };
    explicit ImportResults(Source source = Source::ConfigFiles) : m_source(source) {}

    enum class Outcome
    {
        Imported, // added as a new profile named `profileName`
        Updated,  // replaced the settings and secrets of the profile named `profileName`
        Failed,   // nothing saved; `errors` say why (each naming its JSON field or the file)
        Skipped,  // the user cancelled the preview
    };
    struct Entry
    {
        QString source; // the file name or environment name
        Outcome outcome = Outcome::Failed;
        QString profileName;
        QStringList errors;
    };

    void add(const Entry &entry) { m_entries.append(entry); }
    void clear() { m_entries.clear(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    const QList<Entry> &entries() const { return m_entries; }

    // For the Apps pane's banner. One source: its own sentence with its errors as details.
    // Several: a count as the title and one detail line per source (per error for a source
    // with several problems), each starting with the source's name.
    MessageBanner::Kind kind() const;
    QString title() const;
    QStringList details() const;

private:
    int count(Outcome outcome) const;
    QString sentence(const Entry &entry) const; // the title for a single source
    static QString line(const Entry &entry);    // a saved or skipped source among several
    Source m_source;
    QList<Entry> m_entries;
};
