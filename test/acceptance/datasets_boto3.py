"""Black-box checks of dataset contents through boto3 (Debian's, botocore
1.29), run by dataset-clients.test.ts as a subprocess.

Creates a dataset over the data store the AWS CLI filled, generates a
version, downloads its CSV with urllib from the dataURI, lists, pages and
deletes versions and checks AWS's errors. Any failed assertion exits non-zero.

usage: datasets_boto3.py ENDPOINT DATASTORE
(credentials and region from the AWS_* environment variables)
"""
import sys
import time
import urllib.request

import boto3

from boto3_checks import expect_error

endpoint, datastore = sys.argv[1:3]
client = boto3.client("iotanalytics", endpoint_url=endpoint)




def finished(name, version):
    for _ in range(400):
        content = client.get_dataset_content(datasetName=name, versionId=version)
        if content["status"]["state"] != "CREATING":
            return content
        time.sleep(0.05)
    raise AssertionError(f"version {version} of {name} did not finish")


client.create_dataset(
    datasetName="boto_counts",
    actions=[{"actionName": "q", "queryAction": {"sqlQuery": f"SELECT device, count(*) AS n FROM {datastore} GROUP BY device ORDER BY device"}}],
    versioningConfiguration={"maxVersions": 5},
)
versions = [client.create_dataset_content(datasetName="boto_counts")["versionId"] for _ in range(3)]
for version in versions:
    content = finished("boto_counts", version)
    assert content["status"] == {"state": "SUCCEEDED"}, content
    assert content["timestamp"].year >= 2024, content
    body = urllib.request.urlopen(content["entries"][0]["dataURI"]).read().decode()
    assert body == '"device","n"\n"a","3"\n"b","2"\n', body

page = client.list_dataset_contents(datasetName="boto_counts", maxResults=2)
assert len(page["datasetContentSummaries"]) == 2, page
rest = client.list_dataset_contents(datasetName="boto_counts", maxResults=2, nextToken=page["nextToken"])
assert "nextToken" not in rest or not rest["nextToken"], rest
listed = [c["version"] for c in page["datasetContentSummaries"] + rest["datasetContentSummaries"]]
assert sorted(listed) == sorted(versions), (listed, versions)
paginated = [c["version"] for p in client.get_paginator("list_dataset_contents").paginate(datasetName="boto_counts", PaginationConfig={"PageSize": 1}) for c in p["datasetContentSummaries"]]
assert paginated == listed, (paginated, listed)

client.delete_dataset_content(datasetName="boto_counts", versionId="$LATEST")
remaining = [c["version"] for c in client.list_dataset_contents(datasetName="boto_counts")["datasetContentSummaries"]]
assert len(remaining) == 2 and listed[0] not in remaining, (remaining, listed)

expect_error(client.get_dataset_content, "ResourceNotFoundException", 404, datasetName="boto_counts", versionId=listed[0])
expect_error(client.get_dataset_content, "ResourceNotFoundException", 404, datasetName="no_such_dataset")
expect_error(client.create_dataset_content, "ResourceNotFoundException", 404, datasetName="no_such_dataset")
expect_error(client.list_dataset_contents, "InvalidRequestException", 400, datasetName="boto_counts", nextToken="forged")

print("boto3 dataset checks passed")
