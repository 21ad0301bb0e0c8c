package io.tandem.session.it;

class JettyAbsoluteTimeoutIT extends AbsoluteTimeoutSuite {
  @Override
  ServerNode.Factory containers() {
    return JettyNode::start;
  }
}
