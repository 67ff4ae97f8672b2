#pragma once

#include "ui/mainwindow.h"

#include <memory>

class ProfileManager;

// The one place tests construct the main window (AppFixture and the tests that run without the
// sandbox), so a change of its constructor is one edit here. Not shown yet.
inline std::unique_ptr<MainWindow> createMainWindow(ProfileManager *manager)
{
    return std::make_unique<MainWindow>(manager);
}
