package io.tandem.session.it;

class TomcatAbsoluteTimeoutIT extends AbsoluteTimeoutSuite {
  @Override
  ServerNode.Factory containers() {
    return TomcatNode::start;
  }
}
