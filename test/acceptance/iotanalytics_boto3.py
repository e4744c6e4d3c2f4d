"""Black-box checks of the IoT Analytics control plane through boto3 (Debian's,
botocore 1.29), run by iotanalytics-clients.test.ts as a subprocess.

It picks up what the AWS CLI created (channel, data store, pipeline, dataset
named on the command line), lists, describes, tags, updates and deletes with
boto3, and checks AWS's errors. Any failed assertion exits non-zero.

usage: iotanalytics_boto3.py ENDPOINT CHANNEL DATASTORE PIPELINE DATASET
(credentials and region from the AWS_* environment variables)
"""
import datetime
import os
import sys

import boto3

from boto3_checks import expect_error

endpoint, channel, datastore, pipeline, dataset = sys.argv[1:6]
client = boto3.client("iotanalytics", endpoint_url=endpoint)
account = os.environ["OIA_ACCOUNT_ID"]
region = os.environ["AWS_DEFAULT_REGION"]


def arn(kind, name):
    return f"arn:aws:iotanalytics:{region}:{account}:{kind}/{name}"




# Listing and describing what the CLI created.
names = [s["channelName"] for page in client.get_paginator("list_channels").paginate(PaginationConfig={"PageSize": 1}) for s in page["channelSummaries"]]
assert channel in names, names
summary = next(s for s in client.list_datastores()["datastoreSummaries"] if s["datastoreName"] == datastore)
assert "arn" not in summary and summary["fileFormatType"] == "JSON", summary
described = client.describe_channel(channelName=channel)["channel"]
assert described["arn"] == arn("channel", channel), described
assert described["retentionPeriod"] == {"unlimited": False, "numberOfDays": 30}, described
assert isinstance(described["creationTime"], datetime.datetime), described
stats = client.describe_datastore(datastoreName=datastore, includeStatistics=True)["statistics"]
assert stats["size"]["estimatedSizeInBytes"] == 0, stats
activities = client.describe_pipeline(pipelineName=pipeline)["pipeline"]["activities"]
assert [list(a)[0] for a in activities] == ["channel", "datastore"], activities
ds = client.describe_dataset(datasetName=dataset)["dataset"]
assert ds["triggers"] == [] and ds["contentDeliveryRules"] == [], ds
assert ds["actions"][0]["queryAction"]["filters"] == [], ds
assert ds["retentionPeriod"] == {"unlimited": False, "numberOfDays": 90}, ds

# Tags.
client.tag_resource(resourceArn=arn("channel", channel), tags=[{"key": "owner", "value": "boto3"}, {"key": "tmp", "value": "x"}])
client.untag_resource(resourceArn=arn("channel", channel), tagKeys=["tmp"])
tags = client.list_tags_for_resource(resourceArn=arn("channel", channel))["tags"]
assert tags == [{"key": "cli", "value": "yes"}, {"key": "owner", "value": "boto3"}], tags

# Updates.
client.update_channel(channelName=channel, retentionPeriod={"numberOfDays": 7})
assert client.describe_channel(channelName=channel)["channel"]["retentionPeriod"] == {"unlimited": False, "numberOfDays": 7}
client.update_datastore(datastoreName=datastore, retentionPeriod={"unlimited": True})
client.update_pipeline(pipelineName=pipeline, pipelineActivities=[
    {"channel": {"name": "in", "channelName": channel, "next": "keep"}},
    {"filter": {"name": "keep", "filter": "temp > 0", "next": "out"}},
    {"datastore": {"name": "out", "datastoreName": datastore}},
])
assert len(client.describe_pipeline(pipelineName=pipeline)["pipeline"]["activities"]) == 3
client.update_dataset(datasetName=dataset, actions=[{"actionName": "q", "queryAction": {"sqlQuery": f"SELECT * FROM {datastore} LIMIT 5"}}],
                      triggers=[{"schedule": {"expression": "rate(1 hour)"}}])
assert client.describe_dataset(datasetName=dataset)["dataset"]["triggers"] == [{"schedule": {"expression": "rate(1 hour)"}}]

# Logging options.
expect_error(client.describe_logging_options, "ResourceNotFoundException", 404)
client.put_logging_options(loggingOptions={"roleArn": "arn:aws:iam::123456789012:role/logs", "level": "ERROR", "enabled": True})
assert client.describe_logging_options()["loggingOptions"]["enabled"] is True

# AWS's errors.
response = expect_error(client.create_channel, "ResourceAlreadyExistsException", 409, f"A channel named {channel} already exists.", channelName=channel)
assert response["resourceId"] == channel and response["resourceArn"] == arn("channel", channel), response
expect_error(client.describe_pipeline, "ResourceNotFoundException", 404, "A resource with the name missing cannot be found.", pipelineName="missing")
expect_error(client.create_dataset, "InvalidRequestException", 400,
             "1 validation error detected: Value '__x' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: (^(?!_{2}))(^[a-zA-Z0-9_]+$)",
             datasetName="__x", actions=[{"actionName": "q", "queryAction": {"sqlQuery": "SELECT 1"}}])
expect_error(client.list_channels, "InvalidRequestException", 400, "The nextToken is not valid.", nextToken="tampered.token")
expect_error(client.tag_resource, "ResourceNotFoundException", 404, resourceArn=arn("dataset", "missing"), tags=[{"key": "a", "value": "b"}])
wrong_secret = boto3.client("iotanalytics", endpoint_url=endpoint, aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key="wrong" * 8)
expect_error(wrong_secret.list_channels, "InvalidSignatureException", 403,
             "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
unknown_key = boto3.client("iotanalytics", endpoint_url=endpoint, aws_access_key_id="AKIAUNKNOWNUNKNOWN00", aws_secret_access_key="secret")
expect_error(unknown_key.list_channels, "UnrecognizedClientException", 403, "The security token included in the request is invalid.")

# Deletes (the JS SDK checks the outcome afterwards).
client.delete_dataset(datasetName=dataset)
client.delete_pipeline(pipelineName=pipeline)
expect_error(client.delete_dataset, "ResourceNotFoundException", 404, datasetName=dataset)
print("boto3 checks passed")
