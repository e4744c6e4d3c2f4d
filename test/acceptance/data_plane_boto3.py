"""Black-box checks of the IoT Analytics data plane through boto3 (Debian's,
botocore 1.29), run by data-plane-clients.test.ts as a subprocess.

Sends messages to the channel the AWS CLI created, samples them, tests an
activity, reprocesses the channel and checks AWS's errors. Any failed
assertion exits non-zero.

usage: data_plane_boto3.py ENDPOINT CHANNEL PIPELINE
(credentials and region from the AWS_* environment variables)
"""
import json
import sys
import time

import boto3

from boto3_checks import expect_error

endpoint, channel, pipeline = sys.argv[1:4]
client = boto3.client("iotanalytics", endpoint_url=endpoint)




# boto3 base64-encodes blobs itself: payloads are bytes.
answer = client.batch_put_message(
    channelName=channel,
    messages=[
        {"messageId": "boto-1", "payload": json.dumps({"temp": 95, "unit": "F", "via": "boto3"}).encode()},
        {"messageId": "boto-2", "payload": json.dumps({"temp-bad": 1}).encode()},
    ],
)
assert [e["messageId"] for e in answer["batchPutMessageErrorEntries"]] == ["boto-2"], answer
assert answer["batchPutMessageErrorEntries"][0]["errorCode"] == "InvalidRequestException"
expect_error(client.batch_put_message, "ResourceNotFoundException", 404, channelName="nowhere", messages=[{"messageId": "1", "payload": b"{}"}])
expect_error(
    client.batch_put_message,
    "InvalidRequestException",
    400,
    channelName=channel,
    messages=[{"messageId": "same", "payload": b"{}"}, {"messageId": "same", "payload": b"{}"}],
)

sample = client.sample_channel_data(channelName=channel, maxMessages=10)
payloads = [json.loads(p) for p in sample["payloads"]]
assert any(p.get("via") == "boto3" for p in payloads), payloads

run = client.run_pipeline_activity(
    pipelineActivity={"math": {"name": "c", "attribute": "tempC", "math": "((temp - 32) * 5.0) / 9.0"}},
    payloads=[json.dumps({"humidity": 52, "temp": 68}).encode()],
)
assert run["payloads"] == [b'{"humidity":52,"temp":68,"tempC":20}'], run
assert run["logResult"] == "", run

started = client.start_pipeline_reprocessing(pipelineName=pipeline, startTime=0, endTime=time.time() + 60)
reprocessing_id = started["reprocessingId"]
for _ in range(400):
    summaries = client.describe_pipeline(pipelineName=pipeline)["pipeline"]["reprocessingSummaries"]
    mine = [s for s in summaries if s["id"] == reprocessing_id]
    if mine and mine[0]["status"] == "SUCCEEDED":
        break
    time.sleep(0.05)
else:
    raise AssertionError(f"reprocessing did not succeed: {summaries}")
expect_error(client.cancel_pipeline_reprocessing, "InvalidRequestException", 400, pipelineName=pipeline, reprocessingId=reprocessing_id)

described = client.describe_channel(channelName=channel, includeStatistics=True)
assert described["statistics"]["size"]["estimatedSizeInBytes"] > 0, described
assert described["channel"]["lastMessageArrivalTime"].year >= 2024, described

print("boto3 data-plane checks passed")
