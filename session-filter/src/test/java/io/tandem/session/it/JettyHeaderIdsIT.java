package io.tandem.session.it;

class JettyHeaderIdsIT extends HeaderIdSuite {
  @Override
  ServerNode.Factory containers() {
    return JettyNode::start;
  }
}
