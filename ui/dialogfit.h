#pragma once

class QWidget;

namespace DialogFit {
// Makes `dialog` tall enough for what its layout now holds at its current width (text that
// appeared wraps: an inline error, a banner), never wider, and never taller than its screen's
// available height.
void growToFit(QWidget *dialog);
} // namespace DialogFit
