#pragma once

class QLabel;
class QString;
class QWidget;

// The line under a form field that says what is wrong with it: red (legible on the palette,
// light or dark), hidden until it has something to say, and wrapping onto as many lines as
// the message needs at the form's width instead of widening the dialog; a dialog that shows
// one grows to fit it (see DialogFit::growToFit).
namespace FieldErrorLabel {
QLabel *create(const QString &objectName, QWidget *parent);
} // namespace FieldErrorLabel
