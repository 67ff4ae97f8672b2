#include "core/check/authfailure.h"

#include "core/api/boxerror.h"

bool isAuthFailure(const BoxError &error)
{
    switch (error.kind) {
    case BoxError::Kind::OAuth:
    case BoxError::Kind::Expired:
        return true;
    case BoxError::Kind::Http:
        return error.httpStatus == 401 || error.httpStatus == 403;
    default:
        return false;
    }
}
