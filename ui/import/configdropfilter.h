#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QWidget;

// A drag carrying local .json files (ConfigImportFlow::carriesConfigFile) imports them wherever
// it is dropped on `window`: over any of its widgets, also one that would take the drag itself
// (a text field takes a file manager's drag as the file's path in text/plain). Watches the
// application's drag events for the widgets of that window and of its docks, also floating
// ones (which it makes accept drops), only (its dialogs keep their own drops); other drags are
// left to the widgets.
class ConfigDropFilter : public QObject
{
    Q_OBJECT
public:
    using ImportFiles = std::function<void(const QStringList &filePaths)>;

    // Child of `window`; `import` gets the local files of each such drop.
    ConfigDropFilter(QWidget *window, ImportFiles import);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool belongsToWindow(const QWidget *widget) const;

    QWidget *m_window;
    ImportFiles m_import;
};
