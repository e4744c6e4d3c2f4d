"""What the boto3 acceptance scripts share (imported from the script's own
folder, which Python puts on sys.path)."""
from botocore.exceptions import ClientError


def expect_error(call, code, status, message=None, **kwargs):
    """Calls `call(**kwargs)` and asserts it fails with AWS's error code, HTTP status and (if given) message."""
    try:
        call(**kwargs)
    except ClientError as error:
        got = error.response["Error"]
        assert got["Code"] == code, f"{call.__name__}: expected {code}, got {got}"
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == status, error.response
        if message is not None:
            assert got["Message"] == message, f"{call.__name__}: message {got['Message']!r}"
        return error.response
    raise AssertionError(f"{call.__name__} succeeded, expected {code}")
